import { useState } from 'react';
import { Button, Input, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { fenToYuan, formatFen, parseYuanToFen } from '../money';

interface Line {
  id: number;
  name: string;
  amount: string;
}

let nextId = 1;
const line = (name: string): Line => ({ id: nextId++, name, amount: '' });
const sum = (lines: Line[]) => lines.reduce((s, l) => s + (parseYuanToFen(l.amount) ?? 0), 0);

function Lines({ title, lines, onChange }: { title: string; lines: Line[]; onChange: (l: Line[]) => void }) {
  const edit = (id: number, patch: Partial<Line>) => onChange(lines.map((l) => (l.id === id ? { ...l, ...patch } : l)));
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      {lines.map((l) => {
        const bad = l.amount.trim() !== '' && parseYuanToFen(l.amount) === null;
        return (
          <Space.Compact key={l.id} style={{ display: 'flex', marginTop: 6 }}>
            <Input aria-label={`${title}名称`} value={l.name} onChange={(e) => edit(l.id, { name: e.target.value })} style={{ flex: 2 }} />
            <Input aria-label={`${l.name || title}金额`} prefix="¥" inputMode="decimal" status={bad ? 'error' : undefined} value={l.amount} onChange={(e) => edit(l.id, { amount: e.target.value })} style={{ flex: 1 }} />
            <Button aria-label="删除这一项" icon={<DeleteOutlined />} onClick={() => onChange(lines.filter((x) => x.id !== l.id))} />
          </Space.Compact>
        );
      })}
      <Button type="dashed" size="small" icon={<PlusOutlined />} style={{ marginTop: 6 }} onClick={() => onChange([...lines, line('')])}>
        添加一项
      </Button>
    </div>
  );
}

/**
 * A helper for the secretary with a pay slip: the monthly items that count, minus what is deducted from
 * them (tax, social insurance, housing fund, annuity), in exact fen. Nothing is sent until 填入基数.
 */
export function BaseCalculator({ onUse }: { onUse: (yuan: string) => void }) {
  const [plus, setPlus] = useState<Line[]>(() => ['职务（岗位）工资', '级别（薪级）工资', '津贴补贴'].map(line));
  const [minus, setMinus] = useState<Line[]>(() => ['个人所得税', '社会保险个人缴费', '住房公积金', '职业（企业）年金'].map(line));
  const result = sum(plus) - sum(minus);
  return (
    <div style={{ display: 'grid', gap: 12 }} data-testid="base-calculator">
      <Lines title="计入基数的工资项目" lines={plus} onChange={setPlus} />
      <Lines title="应扣除的项目" lines={minus} onChange={setMinus} />
      <Space wrap>
        <Typography.Text>
          计算基数 = {formatFen(sum(plus))} − {formatFen(sum(minus))} = <Typography.Text strong>{formatFen(result)}</Typography.Text>
        </Typography.Text>
        <Button size="small" type="primary" ghost disabled={result <= 0} onClick={() => onUse(fenToYuan(result))}>
          填入基数
        </Button>
      </Space>
    </div>
  );
}
