import { useEffect, useState } from 'react';
import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { OrgTreeNode } from '@xianfeng/contracts/org/org.schemas';
import { memberHoldingKinds, orgKindLabels, type OrgKind } from '@xianfeng/contracts/org/org.enums';
import { getOrgTree, orgKeys } from '../../org/api';

/** Orgs that hold organisational life themselves: branches (and general branches with members) and groups. */
export const holdsLife = (kind: OrgKind) => kind === 'group' || memberHoldingKinds.includes(kind);

interface Option {
  value: string;
  title: string;
  kind: OrgKind;
  selectable: boolean;
  isLeaf: boolean;
  children?: Option[];
}

const toOption = (n: OrgTreeNode): Option => ({
  value: n.id,
  title: holdsLife(n.kind) ? n.name : `${n.name}（${orgKindLabels[n.kind]}）`,
  kind: n.kind,
  selectable: holdsLife(n.kind) && !n.dissolved,
  isLeaf: n.children.length === 0 && !n.hasChildren,
  ...(n.children.length ? { children: n.children.filter((c) => !c.dissolved).map(toOption) } : {}),
});

function firstHolding(nodes: OrgTreeNode[]): OrgTreeNode | null {
  // Breadth first: the caller's own branch, else the first branch under their organisation.
  const queue = [...nodes];
  while (queue.length) {
    const n = queue.shift()!;
    if (holdsLife(n.kind) && n.kind !== 'group' && !n.dissolved) return n;
    queue.push(...n.children);
  }
  return null;
}

/**
 * Picks the branch (or 党小组) whose organisational life is on screen, from the caller's org tree (loaded
 * lazily below the first levels). With no value yet it picks the caller's own branch, or the first branch
 * in scope.
 */
export function LifeOrgPicker({ value, onChange }: { value: string | null; onChange: (orgId: string) => void }) {
  const roots = useQuery({ queryKey: [...orgKeys.tree(null), 'depth', 2], queryFn: () => getOrgTree({ depth: 2 }) });
  const [options, setOptions] = useState<Option[]>([]);

  useEffect(() => {
    if (!roots.data) return;
    setOptions(roots.data.map(toOption));
    if (!value) {
      const first = firstHolding(roots.data);
      if (first) onChange(first.id);
    }
    // Only when the tree arrives: a later pick is the user's.
  }, [roots.data]);

  const loadChildren = async (id: string) => {
    const [node] = await getOrgTree({ rootId: id, depth: 1 });
    const kids = (node?.children ?? []).filter((c) => !c.dissolved).map(toOption);
    const attach = (list: Option[]): Option[] => list.map((o) => (o.value === id ? { ...o, children: kids, isLeaf: kids.length === 0 } : o.children ? { ...o, children: attach(o.children) } : o));
    setOptions((prev) => attach(prev));
  };

  return (
    <TreeSelect
      aria-label="选择党支部"
      data-testid="life-org"
      style={{ width: 360 }}
      value={value ?? undefined}
      treeData={options}
      loadData={(node) => loadChildren(String(node.value))}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      onChange={(id: string) => onChange(id)}
      loading={roots.isFetching}
      placeholder="选择党支部"
    />
  );
}
