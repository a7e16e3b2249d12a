import { sql } from 'drizzle-orm';
import type { Ctx } from '../platform/context.ts';
import { one, rows } from '../platform/db/db.ts';
import { businessDate } from '../platform/clock.ts';
import { cancelTransfer, createTransfer, decideStep, registerReceipt } from '../modules/transfer/transfer.service.ts';

/**
 * Demo 组织关系转接 in every state, made through the module's own workflow by the seed (an org admin of the
 * district, as the district's account, so its approvals show as acting for each level): pending at each side (two overdue), returned,
 * rejected, cancelled, a letter awaiting its 回执 (overdue), completed on the platform and off it. Members
 * come from branches other than the two demo account branches, whose rolls the other demos rely on; the ones
 * still pending start from 春晖社区第一网格 so its secretary sees them as 未办结.
 */

const DAY = 86_400_000;

async function branchMembers(ctx: Ctx, name: string, n: number, skip: readonly string[]): Promise<string[]> {
  const found = await rows<{ id: string }>(
    ctx.db,
    sql`SELECT m.id FROM member m JOIN org o ON o.id = m.org_id WHERE o.name = ${name} AND m.state = 'active' ORDER BY m.name, m.id LIMIT ${n + skip.length}`,
  );
  return found.map((r) => r.id).filter((id) => !skip.includes(id)).slice(0, n);
}

const orgId = async (ctx: Ctx, name: string) => (await one<{ id: string }>(ctx.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;

/** Moves a transfer back in time by `days`: when it started, its steps' acts and deadlines, its letter's dates. */
async function age(ctx: Ctx, transferId: string, days: number) {
  const by = sql`${days * DAY} * interval '1 millisecond'`;
  await ctx.db.execute(sql`UPDATE transfer_step SET due_at = due_at - ${by}, acted_at = acted_at - ${by} WHERE transfer_id = ${transferId}`);
  await ctx.db.execute(sql`UPDATE transfer SET created_at = created_at - ${by} WHERE id = ${transferId}`);
  await ctx.db.execute(
    sql`UPDATE transfer_letter SET issued_on = issued_on - ${days}::int, valid_until = valid_until - ${days}::int, receipt_due_on = receipt_due_on - ${days}::int WHERE transfer_id = ${transferId}`,
  );
}

export async function seedTransfers(seedCtx: Ctx, opts: { keepMembers: readonly string[]; log?: (s: string) => void }): Promise<{ transfers: number }> {
  // The district's own account does the paperwork (notices go to real accounts), with the seed's district-wide grants.
  const district = (await one<{ id: string }>(seedCtx.db, sql`SELECT id FROM account WHERE username = 'district'`))!;
  const ctx: Ctx = { ...seedCtx, actor: { ...seedCtx.actor!, accountId: district.id, username: 'district', displayName: '区委组织部' } };
  const heping1 = await orgId(ctx, '和平社区第一网格党支部');
  const heping2 = await orgId(ctx, '和平社区第二网格党支部');
  const chunhui3 = await orgId(ctx, '春晖社区第三网格党支部');
  const chaoyang1 = await orgId(ctx, '朝阳社区第一网格党支部');
  const fromBranch1 = await branchMembers(ctx, '春晖社区第一网格党支部', 3, opts.keepMembers);
  const fromChunhui2 = await branchMembers(ctx, '春晖社区第二网格党支部', 6, opts.keepMembers);
  const fromJinxiu = await branchMembers(ctx, '锦绣社区第一网格党支部', 3, opts.keepMembers);
  const create = (memberId: string, target: { toOrgId: string } | { externalOrg: { name: string; address: string } }, reason: string) =>
    createTransfer(ctx, { memberId, ...target, reason });
  const approve = (id: string, comment?: string) => decideStep(ctx, { id, decision: 'approve', comment });
  let n = 0;

  // Pending at the sending committee (one overdue) and at the receiving side (overdue), from the demo branch.
  const p1 = await create(fromBranch1[0]!, { toOrgId: heping1 }, '居住地变更');
  await age(ctx, p1.id, 9);
  await create(fromBranch1[1]!, { toOrgId: chunhui3 }, '网格调整');
  const p3 = await create(fromBranch1[2]!, { toOrgId: heping2 }, '工作调动');
  await approve(p3.id, '同意转出');
  await age(ctx, p3.id, 8);
  n += 3;
  // Returned for correction, rejected, cancelled.
  const r1 = await create(fromChunhui2[0]!, { toOrgId: heping1 }, '工作调动');
  await decideStep(ctx, { id: r1.id, decision: 'return', comment: '转入支部与本人现居住地不符，请核实后重新提交' });
  const r2 = await create(fromChunhui2[1]!, { toOrgId: heping2 }, '个人申请');
  await decideStep(ctx, { id: r2.id, decision: 'reject', comment: '该同志仍在本社区工作居住，不符合转接条件' });
  const r3 = await create(fromChunhui2[2]!, { toOrgId: chaoyang1 }, '居住地变更');
  await cancelTransfer(ctx, { id: r3.id });
  n += 3;
  // Completed on the platform: across streets and within one.
  for (const [memberId, to] of [
    [fromChunhui2[3]!, heping2],
    [fromJinxiu[0]!, chaoyang1],
  ] as const) {
    let t = await create(memberId, { toOrgId: to }, '居住地变更');
    while (t.status === 'pending') t = await approve(t.id);
    n += 1;
  }
  // Off the platform: one waiting for its 回执 (overdue), one completed with it.
  const away = await create(fromJinxiu[1]!, { externalOrg: { name: '中共杭州市西湖区文新街道工作委员会', address: '浙江省杭州市西湖区文一西路 1 号' } }, '到外省工作');
  await approve(away.id, '同意转出，开具介绍信');
  await age(ctx, away.id, 40);
  const gone = await create(fromChunhui2[4]!, { externalOrg: { name: '中共南京市鼓楼区华侨路街道工作委员会', address: '江苏省南京市鼓楼区' } }, '随子女迁居外省');
  await approve(gone.id);
  await registerReceipt(ctx, { id: gone.id, receivedOn: businessDate(ctx.clock.now()), receivingOrgName: '中共南京市鼓楼区华侨路街道工作委员会' });
  n += 2;
  opts.log?.(`demo transfers: ${n}`);
  return { transfers: n };
}
