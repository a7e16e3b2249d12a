import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { errorMessage } from '@/lib/http';
import { downloadFile } from '../../life/api';
import type { DocFormat } from '../api';

/**
 * A generated document as Excel or PDF. Fetched first (cookie auth) so a refusal shows as a message
 * rather than a page of JSON; then saved under the server's file name.
 */
export function DocDownloads({ label, url, fileName, testId, disabled }: { label: string; url: (f: DocFormat) => string; fileName: string; testId?: string; disabled?: boolean }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<DocFormat | null>(null);
  const download = async (format: DocFormat) => {
    setBusy(format);
    try {
      await downloadFile(url(format), `${fileName}.${format}`);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space.Compact data-testid={testId}>
      <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} disabled={disabled} onClick={() => void download('xlsx')}>
        {label}（Excel）
      </Button>
      <Button loading={busy === 'pdf'} disabled={disabled} onClick={() => void download('pdf')}>
        PDF
      </Button>
    </Space.Compact>
  );
}
