import { useState, type ReactNode } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { errorMessage } from '@/lib/http';
import { downloadFile } from '../../life/api';

/** A generated document, fetched first (cookie auth) so a refusal shows as a message rather than a page of JSON. */
export function DocButton({ url, name, label, icon = <DownloadOutlined />, testId }: { url: string; name: string; label: string; icon?: ReactNode; testId: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={icon}
      loading={busy}
      data-testid={testId}
      onClick={() => {
        setBusy(true);
        downloadFile(url, name)
          .catch((err: unknown) => void message.error(errorMessage(err)))
          .finally(() => setBusy(false));
      }}
    >
      {label}
    </Button>
  );
}
