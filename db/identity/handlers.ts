/** identity.get / identity.set: the user's identity, kept in the user's data folder (folder.ts), checked by rules.ts. */
import type { StoreContext } from '../context.ts';
import { PlanDeskError, invalid } from '../errors.ts';
import type { HandlersFor, OperationOutput, ParsedInput } from '../../contract/operations.ts';
import type { identityOps } from '../../contract/ops/identity.ts';
import { departmentQueries } from '../departments/queries.ts';
import { districtQueries } from '../districts/queries.ts';
import { writeIdentity } from './folder.ts';
import { checkIdentity } from './rules.ts';
import { currentAuthor, forgetIdentityCache, userIdentity } from './author.ts';

type State = OperationOutput<'identity.get'>;

export function identityState(ctx: StoreContext): State {
  return { identity: userIdentity(ctx), author: currentAuthor(ctx), folder: ctx.userDir ?? null };
}

/**
 * Checks the identity against the file's lists (department by name or alias, else free text; district
 * by name), then writes it into the user's data folder. The plan file is not written: this works on a
 * read-only file too.
 */
export function setIdentity(ctx: StoreContext, input: ParsedInput<'identity.set'>): State {
  const dir = ctx.userDir;
  if (!dir) throw new PlanDeskError('FORBIDDEN', '这个程序没有用户数据文件夹，无法保存身份信息（可设置环境变量 PLANDESK_HOME 指定一个文件夹）。');
  const dq = departmentQueries(ctx.db);
  const sq = districtQueries(ctx.db);
  const checked = checkIdentity(input, {
    department: (name) => dq.byName.get(name) ?? dq.byAlias.get(name) ?? null,
    district: (name) => sq.byName.get(name) ?? null,
  });
  if (!checked.ok) throw invalid('身份信息未保存：请按提示修改', checked.issues, { reason: 'identity.notSaved' });
  writeIdentity(dir, { ...checked.value, updatedAt: ctx.now() });
  forgetIdentityCache(dir);
  return identityState(ctx);
}

export const identityHandlers = {
  'identity.get': (ctx) => identityState(ctx),
  'identity.set': (ctx, input) => setIdentity(ctx, input),
} satisfies HandlersFor<typeof identityOps, StoreContext>;
