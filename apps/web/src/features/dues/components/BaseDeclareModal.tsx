import { useEffect, useState } from 'react';
import { Alert, Collapse, Form, Input, Modal, Select, Spin, Typography } from 'antd';
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { duesCategories, duesCategoryLabels, fixedDuesCategories, type DuesCategory } from '@xianfeng/contracts/dues/dues.enums';
import { useDebounced } from '@/lib/use-debounced';
import { errorMessage } from '@/lib/http';
import { declareBase, duesKeys, quoteDues, type MemberDuesView, type QuoteView } from '../api';
import { formatBasisPoints, formatFen, parseYuanToFen, yuanRule } from '../money';
import { currentMonth, currentYear, quarterStart } from '../months';
import { BaseCalculator } from './BaseCalculator';
import { BaseExplanation } from './BaseExplanation';
import { MonthPickerField } from './MonthPicker';
import { placeServerErrors } from './server-errors';

interface Values {
  duesCategory: DuesCategory;
  base?: string;
  effectiveMonth: string;
}

const FIELDS = ['duesCategory', 'base', 'effectiveMonth'] as const;
const isFixed = (c: DuesCategory | undefined) => !!c && fixedDuesCategories.includes(c);

/** The month a declaration usually takes effect from, by category and the base rule in force. */
function defaultMonth(c: DuesCategory, rule: '2008' | '2017'): string {
  if (c === 'self_employed') return quarterStart(currentMonth());
  if (c === 'annual_salary' || isFixed(c) || rule === '2008') return currentMonth();
  return `${currentYear()}-01`;
}

/**
 * 申报党费计算基数: category, base (in 元, for the categories that have one), effective month; what counts in
 * the base is explained beside the field, and the monthly amount is quoted live as the base is typed.
 */
export function BaseDeclareModal({ open, dues, rule, onClose }: { open: boolean; dues: MemberDuesView; rule: '2008' | '2017'; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const category = Form.useWatch('duesCategory', form);
  const baseText = Form.useWatch('base', form) ?? '';
  const baseFen = useDebounced(parseYuanToFen(baseText), 400);
  const fixed = isFixed(category);
  const quote = useQuery({
    queryKey: duesKeys.quote(category ?? 'in_service', fixed ? null : baseFen),
    queryFn: () => quoteDues(category!, fixed ? undefined : baseFen!),
    enabled: open && !!category && (fixed || baseFen !== null),
    retry: false,
    staleTime: 5 * 60_000,
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setTopError(null);
    const c = dues.currentBase?.duesCategory ?? 'in_service';
    form.setFieldsValue({ duesCategory: c, effectiveMonth: defaultMonth(c, rule) });
  }, [open]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setTopError(null);
    try {
      await declareBase(dues.memberId, {
        duesCategory: v.duesCategory,
        effectiveMonth: v.effectiveMonth,
        ...(isFixed(v.duesCategory) ? {} : { baseFen: parseYuanToFen(v.base ?? '')! }),
      });
      await queryClient.invalidateQueries({ queryKey: duesKeys.all });
      onClose();
    } catch (err) {
      setTopError(
        placeServerErrors(form, err, FIELDS, {
          rename: { baseFen: 'base' },
          codes: { DUES_BASE_FIXED_FOR_YEAR: 'effectiveMonth', DUES_BASE_MONTH_INVALID: 'effectiveMonth', DUES_BASE_REQUIRED: 'base', DUES_BASE_NOT_ALLOWED: 'base' },
        }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={`申报党费计算基数：${dues.name}`} okText="保存" cancelText="取消" confirmLoading={busy} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} destroyOnHidden width={980}>
      <Form form={form} layout="vertical" requiredMark={false} data-testid="base-form">
        {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
        <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <div style={{ flex: '1 1 380px', minWidth: 0 }}>
            <Form.Item name="duesCategory" label="党费类别" rules={[{ required: true, message: '请选择党费类别' }]}>
              <Select
                aria-label="党费类别"
                options={duesCategories.map((c) => ({ value: c, label: duesCategoryLabels[c] }))}
                onChange={(c: DuesCategory) => form.setFieldValue('effectiveMonth', defaultMonth(c, rule))}
              />
            </Form.Item>
            {!fixed && (
              <Form.Item name="base" label="计算基数（元/月，税后）" rules={[yuanRule('计算基数', { min: 1 })]}>
                <Input aria-label="计算基数" prefix="¥" inputMode="decimal" placeholder="如 4680.50" style={{ maxWidth: 260 }} />
              </Form.Item>
            )}
            <Form.Item name="effectiveMonth" label="生效月份" rules={[{ required: true, message: '请选择生效月份' }]} style={{ maxWidth: 260 }}>
              <MonthPickerField ariaLabel="生效月份" allowFuture />
            </Form.Item>
            <QuoteLine quote={quote} />
            {category === 'in_service' && (
              <Collapse
                size="small"
                style={{ marginTop: 16 }}
                items={[{ key: 'calc', label: '按工资条计算基数', children: <BaseCalculator onUse={(yuan) => form.setFields([{ name: 'base', value: yuan, errors: [] }])} /> }]}
              />
            )}
          </div>
          <div style={{ flex: '1 1 380px', minWidth: 0 }}>
            <BaseExplanation category={category} rule={rule} />
          </div>
        </div>
      </Form>
    </Modal>
  );
}

/** The live quote: what the member would pay a month with this category and base. */
function QuoteLine({ quote }: { quote: UseQueryResult<QuoteView> }) {
  return (
    <div style={{ minHeight: 48, padding: '10px 12px', borderRadius: 6, background: '#fff7e6' }} data-testid="base-quote" aria-live="polite">
      {quote.isFetching && <Spin size="small" />}
      {quote.error && <Typography.Text type="danger">{errorMessage(quote.error)}</Typography.Text>}
      {!quote.data && !quote.isFetching && !quote.error && <Typography.Text type="secondary">填写计算基数后，这里显示每月应交的党费。</Typography.Text>}
      {quote.data && !quote.isFetching && (
        <Typography.Text style={{ fontSize: 16 }}>
          每月应交{' '}
          <Typography.Text strong style={{ fontSize: 18 }}>
            {formatFen(quote.data.monthlyFen)}
          </Typography.Text>
          {quote.data.rateBasisPoints !== null ? `（按 ${formatBasisPoints(quote.data.rateBasisPoints)}）` : '（定额）'}
          {quote.data.capped && <Typography.Text type="secondary">；已超过每月上限，按上限交纳，超出部分自愿多交</Typography.Text>}
        </Typography.Text>
      )}
    </div>
  );
}
