import { Logger } from '@aws-lambda-powertools/logger';

/** One logger per context; LOG_LEVEL=SILENT keeps tests and benches quiet. */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? `parkpunt-${serviceName}` });
}
