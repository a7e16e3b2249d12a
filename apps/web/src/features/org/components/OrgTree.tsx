import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMatch, useNavigate } from 'react-router';
import { Alert, Spin, Tag, Tree, type TreeDataNode } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { OrgTreeNode } from '@xianfeng/contracts/org/org.schemas';
import { orgKindLabels } from '@xianfeng/contracts/org/org.enums';
import { errorMessage } from '@/lib/http';
import { getOrg, getOrgTree, onOrgTreeChanged, orgKeys } from '../api';

/**
 * Child names usually repeat the parent's ("中共明德区东城街道党工委" → "中共明德区东城街道丰泽社区委员会"):
 * the tree drops the shared prefix so the distinguishing part stays visible; the full name is the tooltip.
 */
export function shortName(name: string, parentName: string | null): string {
  if (!parentName) return name;
  let i = 0;
  while (i < name.length && i < parentName.length && name[i] === parentName[i]) i++;
  // Cut only after a place name (…区, …街道, …社区), never inside a word ("中共明德|城市建设…").
  while (i > 0 && !/(区|县|市|旗|街道|镇|乡|社区|村)$/.test(name.slice(0, i))) i--;
  return i >= 2 && name.length - i >= 3 ? name.slice(i) : name;
}

function nodeTitle(n: OrgTreeNode, parentName: string | null) {
  return (
    <span className="xf-tree-title" title={n.name}>
      <span className="xf-tree-name" style={n.dissolved ? { color: '#999', textDecoration: 'line-through' } : undefined}>
        {shortName(n.name, parentName)}
      </span>
      <Tag className="xf-kind-tag" color={n.kind === 'group' ? 'default' : 'red'} variant="outlined">
        {orgKindLabels[n.kind]}
      </Tag>
    </span>
  );
}

/**
 * The caller's organisations: the covered roots with one level loaded, deeper levels loaded when a node
 * is expanded (GET /api/orgs/tree?rootId=&depth=1). The org on screen is revealed (ancestors expanded).
 */
export function OrgTree() {
  const navigate = useNavigate();
  const selectedId = useMatch('/admin/orgs/:id')?.params.id ?? null;
  const roots = useQuery({ queryKey: orgKeys.tree(null), queryFn: () => getOrgTree({ depth: 1 }) });
  const selected = useQuery({ queryKey: orgKeys.view(selectedId ?? ''), queryFn: () => getOrg(selectedId!), enabled: !!selectedId });

  // Children fetched lazily, by parent id; merged over the roots answer when rendering.
  const [loaded, setLoaded] = useState<ReadonlyMap<string, OrgTreeNode[]>>(new Map());
  const loadedRef = useRef(loaded);
  loadedRef.current = loaded;
  const [expanded, setExpanded] = useState<string[]>([]);

  const childrenOf = useCallback((n: OrgTreeNode, map: ReadonlyMap<string, OrgTreeNode[]>) => map.get(n.id) ?? n.children, []);

  const fetchChildren = useCallback(async (id: string) => {
    const [node] = await getOrgTree({ rootId: id, depth: 1 });
    const children = node?.children ?? [];
    setLoaded((prev) => new Map(prev).set(id, children));
    return children;
  }, []);

  const treeData = useMemo(() => {
    const toData = (n: OrgTreeNode, parentName: string | null): TreeDataNode => {
      const kids = childrenOf(n, loaded);
      const hasMore = kids.length > 0 || n.hasChildren === true;
      return {
        key: n.id,
        title: nodeTitle(n, parentName),
        isLeaf: !hasMore,
        // `undefined` children tell the tree to call loadData when the node is expanded.
        children: kids.length > 0 ? kids.map((k) => toData(k, n.name)) : undefined,
      };
    };
    return (roots.data ?? []).map((r) => toData(r, null));
  }, [roots.data, loaded, childrenOf]);

  // After a create or rename, reload that parent's children if they were loaded lazily.
  useEffect(
    () =>
      onOrgTreeChanged((parentId) => {
        if (parentId && loadedRef.current.has(parentId)) void fetchChildren(parentId).catch(() => undefined);
      }),
    [fetchChildren],
  );

  // Expand the roots once, so the first level is visible.
  useEffect(() => {
    if (roots.data) setExpanded((prev) => (prev.length ? prev : roots.data.map((r) => r.id)));
  }, [roots.data]);

  // Reveal the selected org: load and expand each of its ancestors that is in the caller's tree.
  const ancestors = selected.data?.ancestors;
  useEffect(() => {
    if (!ancestors || !roots.data) return;
    let cancelled = false;
    const find = (nodes: OrgTreeNode[], id: string): OrgTreeNode | null => {
      for (const n of nodes) {
        if (n.id === id) return n;
        const hit = find(childrenOf(n, loadedRef.current), id);
        if (hit) return hit;
      }
      return null;
    };
    void (async () => {
      const open: string[] = [];
      for (const a of ancestors) {
        const node = find(roots.data, a.id);
        if (!node) continue;
        if (childrenOf(node, loadedRef.current).length === 0 && node.hasChildren) {
          const kids = await fetchChildren(a.id).catch(() => []);
          loadedRef.current = new Map(loadedRef.current).set(a.id, kids);
        }
        open.push(a.id);
      }
      if (cancelled) return;
      setExpanded((prev) => Array.from(new Set([...prev, ...open])));
      requestAnimationFrame(() => document.querySelector('.xf-tree .ant-tree-treenode-selected')?.scrollIntoView({ block: 'nearest' }));
    })();
    return () => {
      cancelled = true;
    };
  }, [ancestors, roots.data, childrenOf, fetchChildren]);

  if (roots.isPending) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  if (roots.isError) return <Alert type="error" showIcon title="无法加载组织树" description={errorMessage(roots.error)} />;
  if (treeData.length === 0) return <Alert type="info" showIcon title="暂无管辖的党组织" />;

  return (
    <Tree
      className="xf-tree"
      blockNode
      showLine={{ showLeafIcon: false }}
      treeData={treeData}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys.map(String))}
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={(keys) => {
        const id = keys[0];
        if (id !== undefined) void navigate(`/admin/orgs/${String(id)}`);
      }}
      loadData={async (node) => {
        const id = String(node.key);
        if (node.children?.length || loadedRef.current.has(id)) return;
        await fetchChildren(id);
      }}
    />
  );
}
