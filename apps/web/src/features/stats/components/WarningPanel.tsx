import { Link } from 'react-router';
import { Badge, Card, Empty, List, Typography } from 'antd';
import type { StatsWarning } from '../api';

const dot: Record<StatsWarning['level'], 'error' | 'warning' | 'success'> = { red: 'error', yellow: 'warning', green: 'success' };
const levelText: Record<StatsWarning['level'], string> = { red: '红色预警', yellow: '黄色预警', green: '正常' };

/**
 * Red / yellow / green warnings, red first; each opens the list behind its count (`link` from the API).
 * A past date has none (they describe today).
 */
export function WarningPanel({ warnings, past }: { warnings: StatsWarning[]; past: boolean }) {
  const order = { red: 0, yellow: 1, green: 2 } as const;
  const sorted = [...warnings].sort((a, b) => order[a.level] - order[b.level]);
  return (
    <Card size="small" title="预警" data-testid="stats-warnings" styles={{ body: { paddingTop: 4, paddingBottom: 4 } }}>
      {sorted.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={past ? '预警反映当前情况，历史日期不显示' : '暂无预警'} />
      ) : (
        <List
          size="small"
          dataSource={sorted}
          renderItem={(w) => (
            <List.Item
              key={w.code}
              data-testid={`warning-${w.code}`}
              extra={
                <Link to={w.link} aria-label={`${w.zh}：${w.count}，查看名单`}>
                  <Typography.Text strong style={{ fontSize: 16, color: w.level === 'green' ? '#389e0d' : w.level === 'red' ? '#cf1322' : '#d48806' }}>
                    {w.count}
                  </Typography.Text>
                  <span style={{ marginLeft: 6 }}>查看 ›</span>
                </Link>
              }
            >
              <Badge status={dot[w.level]} text={w.zh} title={levelText[w.level]} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
