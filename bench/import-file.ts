import ExcelJS from 'exceljs';
import { educationCodes, ethnicityCodes, memberCategoryLabels, memberStatusLabels } from '@xianfeng/contracts/member/member.enums';
import { idCheckChar } from '../apps/server/src/modules/member/member.rules.ts';
import { demoMember, rng, type Profile } from '../apps/server/src/seed/demo-data.ts';

/** The import sheet's header row (the labels the import and the export share). */
const HEADER = ['姓名', '性别', '民族', '出生日期', '身份证号码', '手机号码', '住址', '学历', '职业', '入党日期', '转正日期', '党员类型', '管理类别', '所在党组织', '党小组', '工作单位', '备注'];

/**
 * Region codes no scale uses (demo-data draws from Beijing, Hebei, Shandong, Hubei, Jiangsu and Sichuan codes),
 * so every ID number in the file is new to the database and the import measures inserts, not refusals.
 */
const IMPORT_REGIONS = ['440305', '440106', '330106', '350203'];

/** A synthetic valid ID number (GB 11643 check digit), unique within the file. */
function freshIdNumber(r: ReturnType<typeof rng>, birthDate: string, gender: 'male' | 'female', taken: Set<string>): string {
  for (;;) {
    const seq = r.int(0, 99) * 10 + (gender === 'male' ? r.pick([1, 3, 5, 7, 9]) : r.pick([0, 2, 4, 6, 8]));
    const body = `${r.pick(IMPORT_REGIONS)}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    const id = body + idCheckChar(body);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/**
 * Writes an .xlsx of `rows` new members spread over the given branches, streamed with exceljs's
 * WorkbookWriter (as a district's own 100,000-row spreadsheet would be), values as Chinese labels and dates
 * as YYYY-MM-DD text. Branches are named by 统一编码, which is unambiguous where names repeat.
 */
export async function writeImportFile(file: string, opts: { rows: number; branchCodes: string[]; today: string; seed?: number }): Promise<void> {
  const r = rng(opts.seed ?? 100_000);
  const taken = new Set<string>();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('党员信息');
  ws.addRow(HEADER).commit();
  const profiles: Profile[] = ['community', 'community', 'retired', 'government', 'private', 'soe'];
  for (let i = 0; i < opts.rows; i++) {
    const m = demoMember(r, { profile: r.pick(profiles), today: opts.today, taken: new Set(), probationaryShare: 0.05, unit: null, address: '临江区' });
    const idNumber = freshIdNumber(r, m.birthDate, m.gender, taken);
    ws.addRow([
      m.name,
      m.gender === 'male' ? '男' : '女',
      ethnicityCodes[m.ethnicity] ?? '汉族',
      m.birthDate,
      idNumber,
      m.phone ?? '',
      `${m.address}${r.int(1, 40)}号楼${r.int(1, 6)}单元${r.int(101, 1802)}`,
      educationCodes[m.education] ?? '',
      m.occupation,
      m.joinedOn,
      m.fullMemberOn ?? '',
      memberStatusLabels[m.status],
      memberCategoryLabels[m.category],
      r.pick(opts.branchCodes),
      '',
      r.chance(0.4) ? `临江区${r.pick(['精密机械', '云帆科技', '同创电子', '绿源物业'])}有限公司` : '',
      '',
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}
