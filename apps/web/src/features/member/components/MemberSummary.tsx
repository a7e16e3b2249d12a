import { Link } from 'react-router';
import { Card, Descriptions, Table, Tag } from 'antd';
import { disciplineKindLabels, educationCodes, ethnicityCodes } from '@xianfeng/contracts/member/member.enums';
import type { MemberFile } from '../api';
import { categoryText, genderLabels } from '../labels';

type Discipline = MemberFile['discipline'][number];
const dash = (s: string | null | undefined) => s || '—';

/** The file at a glance: identity, membership facts, sensitive fields (masked unless unmasked), discipline. */
export function MemberSummary({ m }: { m: MemberFile }) {
  const pii = (f: 'idNumber' | 'phone' | 'address') => (
    <span data-testid={`pii-${f}`} style={f === 'address' ? undefined : { fontFamily: 'monospace' }}>
      {dash(m[f])}
      {m.unmasked.includes(f) && (
        <Tag color="orange" style={{ marginInlineStart: 8 }}>
          完整
        </Tag>
      )}
    </span>
  );
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Card size="small" title="基本信息">
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'gender', label: '性别', children: genderLabels[m.gender] },
            { key: 'ethnicity', label: '民族', children: ethnicityCodes[m.ethnicity] ?? m.ethnicity },
            { key: 'birth', label: '出生日期', children: `${m.birthDate}（${m.age} 岁）` },
            { key: 'id', label: '身份证号码', children: pii('idNumber') },
            { key: 'phone', label: '手机号码', children: pii('phone') },
            { key: 'address', label: '住址', children: pii('address') },
            { key: 'edu', label: '学历', children: m.education ? (educationCodes[m.education] ?? m.education) : '—' },
            { key: 'occ', label: '职业', children: dash(m.occupation) },
            { key: 'unit', label: '工作单位', children: dash(m.workUnit) },
          ]}
        />
      </Card>
      <Card size="small" title="党籍信息">
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'org', label: '所在党组织', children: <Link to={`/admin/orgs/${m.orgId}`}>{m.orgName}</Link> },
            { key: 'group', label: '党小组', children: dash(m.groupName) },
            { key: 'cat', label: '管理类别', children: categoryText(m.category) },
            { key: 'joined', label: '入党日期', children: m.joinedOn },
            { key: 'full', label: '转正日期', children: dash(m.fullMemberOn) },
            { key: 'years', label: '党龄', children: `${m.partyStandingYears} 年` },
            {
              key: 'vote',
              label: '表决权',
              children: m.hasVotingRights ? <Tag color="green">有表决权</Tag> : <Tag color="orange">无表决权</Tag>,
            },
            { key: 'hub', label: '党员中心户', children: m.householdHub ? '是' : '否' },
            { key: 'lost', label: '失联党员', children: m.lostContact ? <Tag color="red">失联</Tag> : '否' },
            ...(m.leftOn ? [{ key: 'left', label: '出党', children: `${m.leftOn}（${dash(m.leftReason)}）` }] : []),
            ...(m.notes ? [{ key: 'notes', label: '备注', children: m.notes, span: 3 }] : []),
          ]}
        />
      </Card>
      <Card size="small" title="纪律处分">
        <Table<Discipline>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={m.discipline}
          locale={{ emptyText: '无纪律处分记录' }}
          columns={[
            { title: '处分', dataIndex: 'kind', render: (k: Discipline['kind']) => disciplineKindLabels[k] },
            { title: '决定日期', dataIndex: 'decidedOn' },
            { title: '期满日期', dataIndex: 'endsOn', render: dash },
            { title: '恢复权利日期', dataIndex: 'rightsRestoredOn', render: dash },
            { title: '事由', dataIndex: 'reason' },
          ]}
        />
      </Card>
    </div>
  );
}
