import { randomUUID } from 'node:crypto';

/**
 * Online payment behind one interface. A real provider (a bank or WeChat Pay gateway) charges and reports
 * the result; the development provider records the request and says plainly that no money moved — it
 * never pretends to. Which provider is used is the deployment's choice (`XIANFENG_PAYMENT_PROVIDER`).
 */
export interface PaymentProvider {
  readonly name: string;
  charge(input: { memberId: string; amountFen: number; description: string }): Promise<{ reference: string; moneyMoved: boolean }>;
}

export const developmentProvider: PaymentProvider = {
  name: 'development',
  async charge() {
    return { reference: `DEV-${randomUUID()}`, moneyMoved: false };
  },
};

let current: PaymentProvider = developmentProvider;

/** The provider in use; a deployment with a real gateway installs it at start. */
export function paymentProvider(): PaymentProvider {
  return current;
}

export function installPaymentProvider(p: PaymentProvider): void {
  current = p;
}
