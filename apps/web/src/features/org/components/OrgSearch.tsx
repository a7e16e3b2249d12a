import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Select, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { orgKindLabels } from '@xianfeng/contracts/org/org.enums';
import { useDebounced } from '@/lib/use-debounced';
import { orgKeys, searchOrgDirectory } from '../api';

/** Find any organisation by name or code (GET /api/orgs/directory) and open its page. */
export function OrgSearch() {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const result = useQuery({
    queryKey: orgKeys.directory(q),
    queryFn: () => searchOrgDirectory(q, 1, 20),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
  const options = (q ? (result.data?.items ?? []) : []).map((o) => ({
    value: o.id,
    label: (
      <div style={{ lineHeight: 1.4, padding: '2px 0' }}>
        <div>
          {o.name} <Tag className="xf-kind-tag">{orgKindLabels[o.kind]}</Tag>
          {o.dissolved && <Tag className="xf-kind-tag">已撤销</Tag>}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
          {o.ancestors.join(' / ') || '—'}
        </Typography.Text>
      </div>
    ),
  }));

  return (
    <Select
      aria-label="搜索党组织"
      style={{ width: '100%' }}
      placeholder="搜索党组织名称或编码"
      suffixIcon={<SearchOutlined />}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text, autoClearSearchValue: false }}
      value={null}
      options={options}
      loading={result.isFetching}
      notFoundContent={q ? (result.isFetching ? '正在搜索…' : '没有找到匹配的党组织') : '请输入名称或编码'}
      popupMatchSelectWidth={380}
      onChange={(id: string | null) => {
        if (!id) return;
        setText('');
        void navigate(`/admin/orgs/${id}`);
      }}
    />
  );
}
