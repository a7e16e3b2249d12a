/** Shown while a shell's chunk loads; plain markup so it needs neither antd nor antd-mobile. */
export function PageLoading() {
  return (
    <div role="status" style={{ padding: 48, textAlign: 'center', color: '#666', fontSize: 16 }}>
      正在加载…
    </div>
  );
}
