/**
 * GDPR plumbing shared by every module: each module that stores personal data plugs in
 * a `PersonalDataProvider` (through `AppModule.personalData`), so that the operators'
 * CLI can export everything stored about one person (right of access) and purge what is
 * past the retention period, without knowing any module's collections.
 */

/** Whose data: a learner (our pseudonymous id, see lti/session/identifiers.ts) or an admin. */
export type DataSubject =
  | {
      kind: 'learner';
      /** `learnerIdOf(tenantId, sub)`: the key every module stores learner data under. */
      learnerId: string;
      /** Known when the operator gave (issuer, client_id, deployment_id, sub): lets a module match raw LTI ids. */
      tenantId?: string;
      sub?: string;
    }
  | { kind: 'admin'; adminId: string; email: string };

/** What "past the retention period" means on the day of a purge (see domain/retention.ts). */
export interface RetentionCutoff {
  /** Data last touched before this instant is past retention. */
  before: Date;
  now: Date;
  /** Count what would be deleted, delete nothing. */
  dryRun: boolean;
}

export interface PersonalDataExport {
  /** The provider's name, e.g. `lti.launch-sessions`. */
  source: string;
  /** What the records are, for the person reading the export. */
  description: string;
  records: unknown[];
}

export interface PurgeReport {
  source: string;
  /** Records deleted (or, on a dry run, that would be). */
  count: number;
}

export interface PersonalDataProvider {
  /** `<module>.<what>`, unique; names the section of an export and the line of a purge report. */
  name: string;
  description: string;
  /** Every record about the subject, as stored minus secrets (hashes, sealed keys). */
  exportFor?(subject: DataSubject): Promise<unknown[]>;
  /** Deletes (or counts, on a dry run) the subject-bearing records last touched before `cutoff.before`. */
  purge?(cutoff: RetentionCutoff): Promise<number>;
}

/** The providers of every module, in one place for the CLI. */
export class PersonalDataRegistry {
  private readonly providers = new Map<string, PersonalDataProvider>();

  register(...providers: PersonalDataProvider[]): this {
    for (const provider of providers) {
      if (this.providers.has(provider.name)) throw new Error(`personal data provider ${provider.name} registered twice`);
      this.providers.set(provider.name, provider);
    }
    return this;
  }

  /** Collects the providers that modules declare. */
  static fromModules(modules: Array<{ personalData?: PersonalDataProvider[] }>): PersonalDataRegistry {
    const registry = new PersonalDataRegistry();
    for (const module of modules) registry.register(...(module.personalData ?? []));
    return registry;
  }

  list(): PersonalDataProvider[] {
    return [...this.providers.values()];
  }

  /** Every provider's records about the subject; empty sections are kept so the reader sees what was searched. */
  async exportFor(subject: DataSubject): Promise<PersonalDataExport[]> {
    const sections: PersonalDataExport[] = [];
    for (const provider of this.providers.values()) {
      if (!provider.exportFor) continue;
      sections.push({ source: provider.name, description: provider.description, records: await provider.exportFor(subject) });
    }
    return sections;
  }

  /** Runs every purger; one failing does not stop the others (its error is reported). */
  async purge(cutoff: RetentionCutoff): Promise<Array<PurgeReport & { error?: string }>> {
    const reports: Array<PurgeReport & { error?: string }> = [];
    for (const provider of this.providers.values()) {
      if (!provider.purge) continue;
      try {
        reports.push({ source: provider.name, count: await provider.purge(cutoff) });
      } catch (err) {
        reports.push({ source: provider.name, count: 0, error: (err as Error).message });
      }
    }
    return reports;
  }
}
