/**
 * The one UI string catalogue: Chinese first, English second. Each feature keeps its strings in
 * i18n/messages/<feature>.ts as a `zh` object and an `en` object typed Record<keyof zh, string>, so a
 * string missing in English is a compile error; they are merged here. Placeholders are written {name}.
 * The strings the desktop shell shows too (title, menu, dialogs) live in messages/shell.ts, outside the
 * renderer, so electron/ can import them without importing the UI.
 */
import { shellEn, shellZh } from '../../../messages/shell.ts';
import { coreEn, coreZh } from './messages/core.ts';
import { transferEn, transferZh } from './messages/transfer.ts';
import { versionsEn, versionsZh } from './messages/versions.ts';
import { en as backupsEn, zh as backupsZh } from './messages/backups.ts';
import { workbenchEn, workbenchZh } from './messages/workbench.ts';
import { analysisEn, analysisZh } from './messages/analysis.ts';
import { en as identityEn, zh as identityZh } from './messages/identity.ts';
import { en as commentsEn, zh as commentsZh } from './messages/comments.ts';
import { findingsEn, findingsZh } from './messages/findings.ts';
import { en as catalogEn, zh as catalogZh } from './messages/catalog.ts'; // s5-catalog
import { errorsEn, errorsZh } from './messages/errors.ts'; // s5-polish13
// s5-authoring
import { en as authoringEn, zh as authoringZh } from './messages/authoring.ts';
import { en as draftingEn, zh as draftingZh } from './messages/drafting.ts'; // s5-review
import { en as keysEn, zh as keysZh } from './messages/keys.ts'; // s6-keys15
import { en as leadersEn, zh as leadersZh } from './messages/leaders.ts'; // s6-auth14b
import { en as planDeleteEn, zh as planDeleteZh } from './messages/plan-delete.ts'; // s6-auth14b
import { en as packagesEn, zh as packagesZh } from './messages/packages.ts'; // s6-ui15
import { en as hubEn, zh as hubZh } from './messages/hub.ts'; // s7-hubweb
import { en as syncEn, zh as syncZh } from './messages/sync.ts'; // s7-sync16

export const zh = {
  ...shellZh,
  ...coreZh,
  ...transferZh,
  ...versionsZh,
  ...backupsZh,
  ...workbenchZh,
  ...analysisZh,
  ...identityZh,
  ...commentsZh,
  ...findingsZh,
  ...catalogZh,
  ...errorsZh,
  ...authoringZh, // s5-authoring
  ...draftingZh,
  ...keysZh, // s6-keys15
  ...leadersZh, // s6-auth14b
  ...planDeleteZh, // s6-auth14b
  ...packagesZh, // s6-ui15
  ...hubZh, // s7-hubweb
  ...syncZh, // s7-sync16
} as const;

export type MessageKey = keyof typeof zh;

export const en: Record<MessageKey, string> = {
  ...shellEn,
  ...coreEn,
  ...transferEn,
  ...versionsEn,
  ...backupsEn,
  ...workbenchEn,
  ...analysisEn,
  ...identityEn,
  ...commentsEn,
  ...findingsEn,
  ...catalogEn,
  ...errorsEn,
  ...authoringEn, // s5-authoring
  ...draftingEn,
  ...keysEn, // s6-keys15
  ...leadersEn, // s6-auth14b
  ...planDeleteEn, // s6-auth14b
  ...packagesEn, // s6-ui15
  ...hubEn, // s7-hubweb
  ...syncEn, // s7-sync16
};
