import { platformErrors, type ErrorSpec } from './errors.ts';
import { accountErrors } from '../account/account.errors.ts';
import { orgErrors } from '../org/org.errors.ts';
import { memberErrors } from '../member/member.errors.ts';
import { settingErrors } from '../settings/settings.catalogue.ts';
import { notifyErrors } from '../notify/notify.errors.ts';
import { certificateErrors } from '../certificate/certificate.errors.ts';
import { lifeErrors } from '../life/life.errors.ts';
import { pointsErrors } from '../points/points.errors.ts';
import { duesErrors } from '../dues/dues.errors.ts';
import { transferErrors } from '../transfer/transfer.errors.ts';
import { mobileErrors } from '../mobile/mobile.errors.ts';
import { reportInErrors } from '../report-in/report-in.errors.ts';
import { developmentErrors } from '../development/development.errors.ts';
import { developmentH5Errors } from '../development/development.h5.errors.ts';

/** Every error code the API can answer, so server and web show the same text. */
export const errorCatalogue = {
  ...platformErrors,
  ...accountErrors,
  ...orgErrors,
  ...memberErrors,
  ...settingErrors,
  ...notifyErrors,
  ...certificateErrors,
  ...lifeErrors,
  ...pointsErrors,
  ...duesErrors,
  ...transferErrors,
  ...mobileErrors,
  ...reportInErrors,
  ...developmentErrors,
  ...developmentH5Errors,
} satisfies Record<string, ErrorSpec>;
export type ErrorCode = keyof typeof errorCatalogue;
