/** keys.*: the user's own key (user-key.ts), key files (key-file.ts) and the keys the plan file trusts (trust.ts). */
import type { StoreContext } from '../context.ts';
import { PlanDeskError } from '../errors.ts';
import type { HandlersFor, OperationOutput } from '../../contract/operations.ts';
import type { keyOps } from '../../contract/ops/keys.ts';
import { readableFingerprint } from '../../domain/keys.ts';
import { currentAuthor } from '../identity/author.ts';
import { userKey, userKeyCreatedAt } from './user-key.ts';
import { keyFileText } from './key-file.ts';
import { inspectKeyFile, listTrustedKeys, revokeKey, trustKey } from './trust.ts';

function folderOf(ctx: StoreContext): string {
  if (!ctx.userDir) {
    throw new PlanDeskError('FORBIDDEN', '这个程序没有用户数据文件夹，无法使用签名密钥（可设置环境变量 PLANDESK_HOME 指定一个文件夹）。', [], { reason: 'keys.noFolder' });
  }
  return ctx.userDir;
}

/** The holder a key file names: the identity (not the file's old user name, which is not this user's). */
function holderOf(ctx: StoreContext): { name: string; department: string | null; district: string | null } {
  const who = currentAuthor(ctx);
  return { name: who.name, department: who.department, district: who.district };
}

export function showKey(ctx: StoreContext): OperationOutput<'keys.show'> {
  const folder = folderOf(ctx);
  const key = userKey(folder);
  return { ...key, readable: readableFingerprint(key.fingerprint), createdAt: userKeyCreatedAt(folder), holder: holderOf(ctx), folder };
}

/** "plandesk-公钥-王五-7K3M.pdkey": the holder's name and the code's first group, so two files are told apart. */
function keyFileName(name: string, readable: string): string {
  const safe = name.replace(/[\\/:*?"<>|\s\u0000-\u001f]+/g, '_').slice(0, 40) || 'key';
  return `plandesk-公钥-${safe}-${readable.slice(0, 4)}.pdkey`;
}

export function exportKey(ctx: StoreContext): OperationOutput<'keys.export'> {
  const folder = folderOf(ctx);
  if (currentAuthor(ctx).source !== 'identity') {
    throw new PlanDeskError('FORBIDDEN', '请先设置身份（姓名、部门，区县用户还有区县），再导出公钥文件：对方要凭它确认是谁的密钥。', [], {
      reason: 'keys.noIdentity',
    });
  }
  const key = userKey(folder);
  const holder = holderOf(ctx);
  const readable = readableFingerprint(key.fingerprint);
  return {
    fileName: keyFileName(holder.name, readable),
    mimeType: 'application/json',
    text: keyFileText(key, holder, ctx.now()),
    fingerprint: key.fingerprint,
    readable,
  };
}

export const keyHandlers = {
  'keys.show': (ctx) => showKey(ctx),
  'keys.export': (ctx) => exportKey(ctx),
  'keys.inspect': (ctx, input) => inspectKeyFile(ctx, input.text),
  'keys.trust': (ctx, input) => trustKey(ctx, input),
  'keys.list': (ctx, input) => ({ keys: listTrustedKeys(ctx, input.includeRevoked ?? false) }),
  'keys.revoke': (ctx, input) => revokeKey(ctx, input),
} satisfies HandlersFor<typeof keyOps, StoreContext>;
