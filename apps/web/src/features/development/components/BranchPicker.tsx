import { useEffect, useState } from 'react';
import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { OrgTreeNode } from '@xianfeng/contracts/org/org.schemas';
import { branchKinds, orgKindLabels } from '@xianfeng/contracts/org/org.enums';
import { getOrgTree, orgKeys } from '../../org/api';

interface Option {
  value: string;
  title: string;
  selectable: boolean;
  isLeaf: boolean;
  children?: Option[];
}

// A case belongs to a branch (含联合、临时党支部): upper organisations are shown to find it, not picked.
const kids = (n: OrgTreeNode) => n.children.filter((c) => !c.dissolved && c.kind !== 'group');
const toOption = (n: OrgTreeNode): Option => ({
  value: n.id,
  title: branchKinds.includes(n.kind) ? n.name : `${n.name}（${orgKindLabels[n.kind]}）`,
  selectable: branchKinds.includes(n.kind),
  isLeaf: kids(n).length === 0 && !n.hasChildren,
  ...(kids(n).length ? { children: kids(n).map(toOption) } : {}),
});

function firstBranch(nodes: OrgTreeNode[]): OrgTreeNode | null {
  const queue = [...nodes];
  while (queue.length) {
    const n = queue.shift()!;
    if (branchKinds.includes(n.kind) && !n.dissolved) return n;
    queue.push(...kids(n));
  }
  return null;
}

/** The branch that will handle the case, from the caller's org tree; a secretary's own branch is picked for them. */
export function BranchPicker({ value, onChange, id }: { value?: string | null; onChange?: (orgId: string) => void; id?: string }) {
  const roots = useQuery({ queryKey: [...orgKeys.tree(null), 'depth', 2], queryFn: () => getOrgTree({ depth: 2 }) });
  const [options, setOptions] = useState<Option[]>([]);

  useEffect(() => {
    if (!roots.data) return;
    setOptions(roots.data.filter((n) => !n.dissolved).map(toOption));
    const first = firstBranch(roots.data);
    if (!value && first) onChange?.(first.id);
    // Only when the tree arrives: a later pick is the user's.
  }, [roots.data]);

  const loadChildren = async (orgId: string) => {
    const [node] = await getOrgTree({ rootId: orgId, depth: 1 });
    const loaded = node ? kids(node).map(toOption) : [];
    const attach = (list: Option[]): Option[] =>
      list.map((o) => (o.value === orgId ? { ...o, children: loaded, isLeaf: loaded.length === 0 } : o.children ? { ...o, children: attach(o.children) } : o));
    setOptions((prev) => attach(prev));
  };

  return (
    <TreeSelect
      id={id}
      aria-label="党支部"
      data-testid="case-branch"
      value={value ?? undefined}
      treeData={options}
      loadData={(node) => loadChildren(String(node.value))}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      onChange={(v: string) => onChange?.(v)}
      loading={roots.isFetching}
      placeholder="选择受理申请的党支部"
    />
  );
}
