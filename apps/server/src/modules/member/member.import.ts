import type { MemberImportError, MemberImportResult } from '@xianfeng/contracts/member/member.schemas';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import type { Ctx } from '../../platform/context.ts';
import { requirePermission } from '../../platform/access/access.ts';
import { AppError } from '../../platform/http/errors.ts';
import { openFirstSheet, XlsxError, type OpenedSheet, type XlsxProblem, type XlsxRow } from '../../platform/files/xlsx-reader.ts';
import { findOrgForActor, listSubtreeOrgs } from '../org/org.service.ts';
import { createMembersBulk, type BulkMember } from './member.bulk.ts';
import { cellText } from './member.import.cells.ts';
import { importColumns, locateHeader, type HeaderLayout } from './member.import.columns.ts';
import { locateBulkError, mapRow, type OrgResolver } from './member.import.rows.ts';

/** Tuning the tests lower: rows per checked-and-written batch, rows looked at for the header, caps. */
export const importTuning = { batchSize: 1000, headerScanRows: 20, maxRows: 200_000, maxErrors: 1000 };

const fileProblems: Record<XlsxProblem, string> = {
  legacy_xls: '这是旧版 Excel（.xls）文件或加密的工作簿：请在 Excel 中“另存为”Excel 工作簿（.xlsx）并取消密码后再导入',
  encrypted: '工作簿设置了密码：请取消密码后再导入',
  not_xlsx: '文件不是 Excel 工作簿（.xlsx）：请使用下载的导入模板',
  too_large: '文件解压后过大，请分批导入',
  zip_bomb: '文件解压后的大小异常（可能是损坏或恶意构造的文件），已拒绝',
  corrupt: '文件已损坏，无法读取：请在 Excel 中重新保存为 .xlsx 后再导入',
};

/**
 * 党员信息 Excel 导入. Reads the first sheet of an uploaded .xlsx as a stream, finds the header (merged
 * and two-row headers included), maps each row to the API's create body and hands batches to
 * createMembersBulk — the same rules, one transaction, one audit event. Mode `all` writes nothing if any
 * row fails; `valid_only` writes the good rows. Errors name the row and column as Excel shows them.
 */
export async function importMembers(ctx: Ctx, input: { file: string; mode: 'all' | 'valid_only'; orgId: string }): Promise<MemberImportResult> {
  requirePermission(ctx, 'member.write');
  const target = await findOrgForActor(ctx, input.orgId, 'member.write');
  const resolver = orgResolver(await listSubtreeOrgs(ctx, target.path), target);

  let sheet: OpenedSheet;
  try {
    sheet = await openFirstSheet(input.file);
  } catch (err) {
    throw fileError(err);
  }
  try {
    const first: XlsxRow[] = [];
    const rows = sheet.rows[Symbol.asyncIterator]();
    while (first.length < importTuning.headerScanRows) {
      const r = await next(rows);
      if (!r) break;
      first.push(r);
    }
    const layout = locateHeader(first);
    const headerErrors = checkHeader(layout, first, target);
    if (headerErrors.length) return { imported: 0, failed: 0, errors: headerErrors };

    const refused: MemberImportError[] = [];
    const refusedRows = new Set<number>();
    /** Excel row of each row handed to createMembersBulk, by its position there. */
    const bulkRows: number[] = [];
    const today = ctx.clock.today();
    async function* batches(): AsyncGenerator<BulkMember[]> {
      let batch: BulkMember[] = [];
      let seen = 0;
      const take = (row: XlsxRow) => {
        if (row.row <= layout!.headerRow || isBlank(row)) return;
        if (++seen > importTuning.maxRows) throw new AppError('MEMBER_IMPORT_TOO_MANY_ROWS', { message: `一次最多导入 ${importTuning.maxRows.toLocaleString('en-US')} 行，请分批导入` });
        const mapped = mapRow(row, layout!, { date1904: sheet.date1904, today, resolver });
        if (mapped.member) {
          bulkRows.push(row.row);
          batch.push(mapped.member);
        } else {
          refusedRows.add(row.row);
          refused.push(...mapped.errors);
        }
      };
      for (const row of first) take(row);
      for (let r = await next(rows); r; r = await next(rows)) {
        take(r);
        if (batch.length >= importTuning.batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    }
    const result = await createMembersBulk(ctx, {
      members: batches(),
      allOrNothing: input.mode === 'all',
      source: 'excel-import',
      refusedBefore: () => refusedRows.size,
    });
    const errors = [...refused, ...result.errors.flatMap((e) => locateBulkError(bulkRows[e.index]!, layout!, e.code, e.details))];
    const failedRows = new Set([...refusedRows, ...result.errors.map((e) => bulkRows[e.index]!)]);
    errors.sort((a, b) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
    return { imported: result.imported, failed: failedRows.size, errors: errors.slice(0, importTuning.maxErrors) };
  } catch (err) {
    throw err instanceof XlsxError ? fileError(err) : err;
  } finally {
    sheet.close();
  }
}

async function next(it: AsyncIterator<XlsxRow>): Promise<XlsxRow | null> {
  const r = await it.next();
  return r.done ? null : r.value;
}

const isBlank = (row: XlsxRow) => [...row.cells.values()].every((c) => cellText(c) === '');

function fileError(err: unknown): unknown {
  if (!(err instanceof XlsxError)) return err;
  return new AppError('MEMBER_IMPORT_FILE_INVALID', { message: fileProblems[err.problem], details: [{ path: 'file', message: fileProblems[err.problem] }] });
}

/** A missing header, or missing required columns, answered in the report shape at the header row. */
function checkHeader(layout: HeaderLayout | null, first: XlsxRow[], target: { kind: string }): MemberImportError[] {
  if (!layout) {
    return [
      {
        row: first[0]?.row ?? 1,
        column: null,
        code: 'MEMBER_IMPORT_HEADER_MISSING',
        message: `前 ${importTuning.headerScanRows} 行中找不到表头（应有“姓名”“身份证号码”“入党日期”等列名）：请使用下载的导入模板`,
      },
    ];
  }
  const present = new Set(layout.columns.values());
  const orgOptional = memberHoldingKinds.includes(target.kind as never);
  return importColumns
    .filter((c) => (c.required || (c.field === 'org' && !orgOptional)) && !present.has(c.field))
    .map((c) => ({
      row: layout.headerRow,
      column: null,
      code: 'MEMBER_IMPORT_HEADER_MISSING',
      message: `表头缺少“${c.label}”列${c.field === 'org' ? '（导入到支部以上的组织时，须写明每个党员的所在党组织）' : ''}`,
    }));
}

interface OrgLite {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  parentId: string | null;
}

/**
 * Org names in the sheet → ids, only within the target subtree (so an out-of-scope org is just unknown).
 * 统一编码 is unique; names are not (every community has a 第一党支部), so an ambiguous name asks for the code.
 */
export function orgResolver(orgs: OrgLite[], target: OrgLite & { path?: string }): OrgResolver {
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  const byName = new Map<string, OrgLite[]>();
  for (const o of orgs) {
    if (o.kind === 'group') continue;
    for (const n of new Set([o.name, o.shortName].filter((x): x is string => !!x))) byName.set(n, [...(byName.get(n) ?? []), o]);
  }
  const groups = new Map<string, OrgLite>(orgs.filter((o) => o.kind === 'group').map((o) => [`${o.parentId}|${o.name}`, o]));
  const where = `“${target.name}”`;
  return {
    org: (text) => {
      if (text === '') {
        return memberHoldingKinds.includes(target.kind as never) ? { id: target.id } : { code: 'MEMBER_IMPORT_REQUIRED', message: `必填：导入到${where}时须写明所在党支部` };
      }
      const key = text.replace(/\s/g, '');
      const hit = byCode.get(key) ?? null;
      if (hit && hit.kind !== 'group') return { id: hit.id };
      const named = byName.get(key) ?? byName.get(text) ?? [];
      if (named.length === 1) return { id: named[0]!.id };
      if (named.length > 1) {
        return { code: 'MEMBER_IMPORT_ORG_AMBIGUOUS', message: `${where}下有 ${named.length} 个“${text}”，请改填组织编码（如 ${named.map((o) => o.code).slice(0, 2).join('、')}）` };
      }
      return { code: 'MEMBER_IMPORT_ORG_UNKNOWN', message: `${where}下没有“${text}”，请核对名称或填写组织编码（见模板“可选值”表）` };
    },
    group: (orgId, text) => {
      const g = groups.get(`${orgId}|${text}`) ?? groups.get(`${orgId}|${text.replace(/\s/g, '')}`);
      return g ? { id: g.id } : { code: 'MEMBER_IMPORT_ORG_UNKNOWN', message: `该支部下没有党小组“${text}”` };
    },
  };
}
