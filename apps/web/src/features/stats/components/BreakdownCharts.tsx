import { useMemo, type ReactNode } from 'react';
import { Col, Row, Typography } from 'antd';
import type { StatsOverview } from '../api';
import { barOption, lightLook, pieOption } from '../charts/options';
import { breakdownEntries, breakdownTitles, formatCount, type BreakdownName } from '../labels';
import { ChartCard } from './ChartCard';

const palette = lightLook.palette;

/**
 * The member breakdowns: bars for category, education, occupation and join period; rings for status, gender
 * and ethnicity. Age bands are drawn by the pyramid (PyramidCard), which splits each band by gender.
 */
export function BreakdownCharts({ overview }: { overview: StatsOverview }) {
  const m = overview.members;
  const charts = useMemo(() => {
    const e = (name: BreakdownName) => breakdownEntries(m, name);
    const minorities = breakdownEntries(m, 'byEthnicityCode', { skipZero: true }).filter((x) => x.key !== '01' && x.key !== 'unknown');
    return {
      category: { entries: e('byCategory'), option: barOption(e('byCategory'), lightLook, { seriesName: breakdownTitles.byCategory, color: palette[0] }) },
      education: { entries: e('byEducation'), option: barOption(e('byEducation'), lightLook, { seriesName: breakdownTitles.byEducation, color: palette[4] }) },
      occupation: { entries: e('byOccupation'), option: barOption(e('byOccupation'), lightLook, { seriesName: breakdownTitles.byOccupation, color: palette[3], horizontal: true }) },
      joinPeriod: { entries: e('byJoinPeriod'), option: barOption(e('byJoinPeriod'), lightLook, { seriesName: breakdownTitles.byJoinPeriod, color: palette[1] }) },
      status: { entries: e('byStatus'), option: pieOption(e('byStatus'), lightLook, { seriesName: breakdownTitles.byStatus, colors: ['#c62828', '#f9a825', '#bfbfbf'] }) },
      gender: { entries: e('byGender'), option: pieOption(e('byGender'), lightLook, { seriesName: breakdownTitles.byGender, colors: ['#1565c0', '#d81b60', '#bfbfbf'] }) },
      ethnicity: { entries: e('byEthnicity'), option: pieOption(e('byEthnicity'), lightLook, { seriesName: breakdownTitles.byEthnicity, colors: ['#c62828', '#ef6c00', '#6a1b9a', '#bfbfbf'] }) },
      minorities,
    };
  }, [m]);

  const card = (key: Exclude<keyof typeof charts, 'minorities'>, title: string, span: { md: number; xl: number }, height?: number, footer?: ReactNode) => (
    <Col xs={24} md={span.md} xl={span.xl}>
      <ChartCard title={title} testId={`chart-${key}`} entries={charts[key].entries} total={m.total} option={charts[key].option} height={height} footer={footer} />
    </Col>
  );

  return (
    <Row gutter={[12, 12]}>
      {card('status', '正式党员与预备党员', { md: 12, xl: 8 })}
      {card('gender', '性别', { md: 12, xl: 8 })}
      {card(
        'ethnicity',
        '民族',
        { md: 12, xl: 8 },
        260,
        charts.minorities.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }} data-testid="minority-codes">
            少数民族：{charts.minorities.map((x) => `${x.full} ${formatCount(x.value)}`).join('、')}
          </Typography.Paragraph>
        ),
      )}
      {card('category', '党员类别', { md: 12, xl: 12 })}
      {card('education', '学历', { md: 12, xl: 12 })}
      {card('occupation', '职业', { md: 12, xl: 12 }, 300)}
      {card('joinPeriod', '入党时间', { md: 12, xl: 12 }, 300)}
    </Row>
  );
}
