import { ageBands } from '@xianfeng/contracts/member/member.enums';
import { UNKNOWN } from '@xianfeng/contracts/stats/stats.enums';
import type { StatsOverview } from '@xianfeng/contracts/stats/stats.schemas';
import { breakdownLabel, formatCount } from './labels';

export type PyramidBand = StatsOverview['agePyramid'][number];

export interface PyramidRow extends PyramidBand {
  /** 30岁及以下 … 61岁及以上, or 未填写 for the band of members without a birth date. */
  label: string;
  /** male + female + unknown = members.byAgeBand[band]. */
  total: number;
}

export interface PyramidFigures {
  /** The eight age bands, youngest first — what the pyramid draws (male and female). */
  bands: PyramidRow[];
  /** Members without a birth date (no band): listed, never drawn; null when there are none. */
  noBand: PyramidRow | null;
  /** Members in a band whose gender is not recorded: in the band's total, not drawn. */
  noGender: number;
}

const row = (p: PyramidBand): PyramidRow => ({ ...p, label: breakdownLabel('byAgeBand', p.band), total: p.male + p.female + p.unknown });

/**
 * The overview's `agePyramid` in the order the page draws it. A band the answer leaves out counts as zeros, so the
 * chart keeps all eight rows.
 */
export function pyramidFigures(o: StatsOverview): PyramidFigures {
  const byBand = new Map(o.agePyramid.map((p) => [p.band, p]));
  const at = (band: PyramidBand['band']) => row(byBand.get(band) ?? { band, male: 0, female: 0, unknown: 0 });
  const bands = ageBands.map(at);
  const noBand = at(UNKNOWN);
  return { bands, noBand: noBand.total > 0 ? noBand : null, noGender: bands.reduce((n, b) => n + b.unknown, 0) };
}

/**
 * What the pyramid cannot draw, in words under it: members of unknown gender and members without a birth date are
 * counted, not hidden. Null when every member is drawn.
 */
export function pyramidNote(f: PyramidFigures): string | null {
  const parts: string[] = [];
  if (f.noGender > 0) parts.push(`性别未填写 ${formatCount(f.noGender)} 名（计入各年龄段合计，图中未画出）`);
  if (f.noBand) {
    const split = [f.noBand.male > 0 && `男 ${formatCount(f.noBand.male)}`, f.noBand.female > 0 && `女 ${formatCount(f.noBand.female)}`, f.noBand.unknown > 0 && `性别未填写 ${formatCount(f.noBand.unknown)}`];
    parts.push(`出生日期未填写 ${formatCount(f.noBand.total)} 名（${split.filter(Boolean).join('，')}），不属于任何年龄段`);
  }
  return parts.length > 0 ? `${parts.join('；')}。` : null;
}

/** The same in one line, for the big screen: 另有性别未填写 3 名、出生日期未填写 4 名，图中未画出。 */
export function pyramidShortNote(f: PyramidFigures): string | null {
  const parts: string[] = [];
  if (f.noGender > 0) parts.push(`性别未填写 ${formatCount(f.noGender)} 名`);
  if (f.noBand) parts.push(`出生日期未填写 ${formatCount(f.noBand.total)} 名`);
  return parts.length > 0 ? `另有${parts.join('、')}，图中未画出。` : null;
}
