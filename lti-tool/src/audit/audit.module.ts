import type { AppContext, AppModule } from '../platform/module.js';
import { AuditLog } from './application/audit-log.js';
import { AuditLogRepository } from './infrastructure/audit-log.repository.js';

export interface AuditModule extends AppModule {
  /** `audit.log.record({...})` from any module's admin write; read through the admin API. */
  log: AuditLog;
}

/** The audit log; its read route is mounted by the admin module (it needs the admin guard). */
export function createAuditModule(ctx: AppContext): AuditModule {
  const log = new AuditLog(new AuditLogRepository(ctx.db), ctx.log);
  return { name: 'audit', log, personalData: [log.personalData()] };
}
