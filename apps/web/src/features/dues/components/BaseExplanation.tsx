import { Typography } from 'antd';
import type { DuesCategory } from '@xianfeng/contracts/dues/dues.enums';

const included = [
  ['机关', '职务工资、级别工资、津贴补贴'],
  ['事业单位', '岗位工资、薪级工资、基础性绩效工资、津贴补贴（奖励性绩效工资不计入）'],
  ['企业', '基本工资、岗位工资、技能工资、工龄工资等相对固定的工资收入（不是人人都有的、不固定发放的奖金不计入）'],
];
const excluded = [
  '个人所得税',
  '养老保险、医疗保险、失业保险、工伤保险、生育保险的个人缴费',
  '住房公积金',
  '职业年金、企业年金的个人缴费',
  '住房补贴、交通补贴或公务用车补贴、通讯补贴、加班补贴、误餐补贴',
  '取暖费、防暑降温费、物业服务费补贴',
  '只发给部分地区、部分单位、部分岗位或部分人员的补贴',
];

/**
 * What counts in the base (中组发〔2008〕3号 第二至六条; 组电明字〔2017〕5号 一(1); regulations §1.2), for the
 * category being declared.
 */
export function BaseExplanation({ category, rule }: { category: DuesCategory | undefined; rule: '2008' | '2017' }) {
  const fixedYear =
    rule === '2017'
      ? '本组织执行 2017 年规定：计算基数每年年初核定一次（生效月份为当年 1 月），年内工资变动一般不作调整；新入党或转入的党员首次申报可从当月起。'
      : '本组织执行 2008 年规定：工资变动时，从变动当月起按新的计算基数交纳。';
  const p = (text: string) => <Typography.Paragraph style={{ marginBottom: 8 }}>{text}</Typography.Paragraph>;
  let body;
  switch (category) {
    case undefined:
      body = p('请先选择党费类别。');
      break;
    case 'in_service':
      body = (
        <>
          {p('计算基数 = 工资总额中相对固定的、经常性的工资收入（税后）。')}
          <Typography.Text strong>计入基数：</Typography.Text>
          <ul style={{ margin: '4px 0 8px', paddingLeft: 20 }}>
            {included.map(([k, v]) => (
              <li key={k}>
                {k}：{v}
              </li>
            ))}
          </ul>
          <Typography.Text strong>不计入基数：</Typography.Text>
          <ul style={{ margin: '4px 0 8px', paddingLeft: 20 }}>
            {excluded.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
          {p(fixedYear)}
        </>
      );
      break;
    case 'annual_salary':
      body = p('实行年薪制的党员，以当月实际领取的薪酬收入（税后）为计算基数，按月申报，生效月份即领取的月份。');
      break;
    case 'self_employed':
      body = p('收入不固定的个体经营党员，以上一季度月平均纯收入为计算基数，按季度申报：生效月份须为季度的第一个月（1、4、7、10 月）。');
      break;
    case 'retired':
      body = (
        <>
          {p('离退休党员以实际领取的离退休费或养老金总额为计算基数：5000 元以下（含）按 0.5%，5000 元以上按 1% 交纳。')}
          {p(fixedYear)}
        </>
      );
      break;
    case 'farmer':
      body = p('农民党员每月交纳党费 0.2 元至 1 元（由省级党委确定本地标准），不填计算基数。');
      break;
    case 'student':
    case 'unemployed':
    case 'relief':
    case 'dibao':
      body = p('学生党员、下岗失业的党员、依靠抚恤或救济生活的党员、领取当地最低生活保障金的党员，每月交纳党费 0.2 元，不填计算基数。');
      break;
  }
  return (
    <div style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: '12px 14px', marginBottom: 16 }} data-testid="base-explanation">
      {body}
      {(category === 'in_service' || category === 'annual_salary' || category === 'self_employed') && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          交纳比例（全额累进，按整个基数所在档次计）：3000 元以下（含）0.5%；3000–5000 元（含）1%；5000–10000 元（含）1.5%；10000 元以上 2%。每月党费超过上限的，按上限交纳，多交部分自愿。
        </Typography.Text>
      )}
    </div>
  );
}
