import { Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';

/** One .xlsx picked for an import (kept in the page's state, uploaded by the page): the member and dues-base imports share it. */
export function XlsxDropzone({ file, onPick, onClear, testId }: { file: File | null; onPick: (f: File) => void; onClear: () => void; testId: string }) {
  return (
    <Upload.Dragger
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      maxCount={1}
      beforeUpload={(f) => {
        onPick(f);
        return false;
      }}
      onRemove={onClear}
      fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
      data-testid={testId}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">点击或把 Excel 文件（.xlsx）拖到这里</p>
    </Upload.Dragger>
  );
}
