import { useEffect, useState } from 'react';
import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { OrgTreeNode } from '@xianfeng/contracts/org/org.schemas';
import { orgKindLabels } from '@xianfeng/contracts/org/org.enums';
import { getOrgTree, orgKeys } from '../../org/api';

interface Option {
  value: string;
  title: string;
  isLeaf: boolean;
  children?: Option[];
}

// 党费 is billed to members of branches; an upper organisation sees (and bills) its whole subtree.
// 党小组 hold no accounts of their own, so they are left out.
const kids = (n: OrgTreeNode) => n.children.filter((c) => !c.dissolved && c.kind !== 'group');
const toOption = (n: OrgTreeNode): Option => ({
  value: n.id,
  title: `${n.name}（${orgKindLabels[n.kind]}）`,
  isLeaf: kids(n).length === 0 && !n.hasChildren,
  ...(kids(n).length ? { children: kids(n).map(toOption) } : {}),
});

/**
 * Picks the organisation whose 党费 is on screen: a branch, or an upper organisation for its whole subtree.
 * With no value yet it picks the caller's own organisation (the root of their tree).
 */
export function DuesOrgPicker({ value, onChange, width = 380 }: { value: string | null; onChange: (orgId: string) => void; width?: number }) {
  const roots = useQuery({ queryKey: [...orgKeys.tree(null), 'depth', 2], queryFn: () => getOrgTree({ depth: 2 }) });
  const [options, setOptions] = useState<Option[]>([]);

  useEffect(() => {
    if (!roots.data) return;
    setOptions(roots.data.filter((n) => !n.dissolved).map(toOption));
    const first = roots.data.find((n) => !n.dissolved);
    if (!value && first) onChange(first.id);
    // Only when the tree arrives: a later pick is the user's.
  }, [roots.data]);

  const loadChildren = async (id: string) => {
    const [node] = await getOrgTree({ rootId: id, depth: 1 });
    const loaded = node ? kids(node).map(toOption) : [];
    const attach = (list: Option[]): Option[] =>
      list.map((o) => (o.value === id ? { ...o, children: loaded, isLeaf: loaded.length === 0 } : o.children ? { ...o, children: attach(o.children) } : o));
    setOptions((prev) => attach(prev));
  };

  return (
    <TreeSelect
      aria-label="选择党组织"
      data-testid="dues-org"
      style={{ width }}
      value={value ?? undefined}
      treeData={options}
      loadData={(node) => loadChildren(String(node.value))}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      onChange={(id: string) => onChange(id)}
      loading={roots.isFetching}
      placeholder="选择党组织"
    />
  );
}
