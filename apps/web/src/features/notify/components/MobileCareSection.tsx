import { Input, List, Radio, Switch } from 'antd-mobile';
import { deliverToLabels, isMaskedPhone, type CareValues, type DeliverTo } from '../care-form';

interface Props {
  value: CareValues;
  /** What the server holds: 网格员代收 is offered only when the branch has set it. */
  initial: CareValues;
  onChange: (next: CareValues) => void;
  errors: Record<string, string>;
}

const err = (text: string | undefined) => (text ? <span className="xfm-field-error">{text}</span> : undefined);

/** The member's own 关怀设置 on the H5: 两个生日祝福, and who receives notifications (本人 or 家属). */
export function MobileCareSection({ value, initial, onChange, errors }: Props) {
  const set = (patch: Partial<CareValues>) => onChange({ ...value, ...patch });
  const choices: DeliverTo[] = initial.deliverTo === 'grid_worker' ? ['self', 'family', 'grid_worker'] : ['self', 'family'];
  return (
    <>
      <List className="xfm-list" header={<span style={{ fontSize: 17 }}>生日祝福</span>} mode="card">
        <List.Item
          description="在您的生日和入党纪念日（政治生日），收到党组织的祝福"
          extra={
            <Switch
              checked={value.birthdayGreetings}
              onChange={(birthdayGreetings) => set({ birthdayGreetings })}
              aria-label="两个生日祝福"
              style={{ '--height': '36px', '--width': '60px' }}
            />
          }
        >
          两个生日祝福
        </List.Item>
      </List>
      <List className="xfm-list" header={<span style={{ fontSize: 17 }}>谁来接收通知</span>} mode="card">
        <Radio.Group value={value.deliverTo} onChange={(v) => set({ deliverTo: v as DeliverTo })}>
          {choices.map((c) => (
            <List.Item
              key={c}
              description={
                c === 'family'
                  ? '没有手机或不方便看手机时，由家属接收短信'
                  : c === 'grid_worker'
                    ? '由党支部设置的网格员代为接收'
                    : c === 'self'
                      ? err(errors.deliverTo)
                      : undefined
              }
            >
              <Radio value={c} block style={{ '--icon-size': '24px', '--font-size': '19px' }}>
                {c === 'self' ? '本人接收' : deliverToLabels[c]}
              </Radio>
            </List.Item>
          ))}
        </Radio.Group>
        {value.deliverTo === 'family' && (
          <>
            <List.Item title="家属姓名" description={err(errors.familyName)}>
              <Input value={value.familyName} onChange={(familyName) => set({ familyName })} placeholder="请输入家属姓名" maxLength={30} clearable aria-label="家属姓名" />
            </List.Item>
            <List.Item
              title="家属手机号"
              description={err(errors.familyPhone) ?? (isMaskedPhone(value.familyPhone) ? '号码已部分隐藏；如需更换，请清空后重新输入' : undefined)}
            >
              <Input
                value={value.familyPhone}
                onChange={(familyPhone) => set({ familyPhone })}
                placeholder="请输入 11 位手机号"
                maxLength={11}
                inputMode="numeric"
                clearable
                aria-label="家属手机号"
              />
            </List.Item>
          </>
        )}
        {value.deliverTo === 'grid_worker' && err(errors.gridWorkerAccountId)}
      </List>
    </>
  );
}
