/**
 * Per-academy circuit breakers of one instance: while an academy's registry fails, its
 * entries wait for the next probe time instead of each trying (and failing) on its own
 * schedule. In memory: another instance keeps its own, which only means one more probe.
 */
export class AcademyGates {
  private readonly until = new Map<string, number>();

  /** The time the academy's next probe is due, if its circuit is open at `now`. */
  openUntil(academyId: string, now: Date): Date | undefined {
    const until = this.until.get(academyId);
    return until !== undefined && until > now.getTime() ? new Date(until) : undefined;
  }

  /** Opens (or extends) the circuit; true if this moved the probe time later (a new round). */
  open(academyId: string, until: Date): boolean {
    const current = this.until.get(academyId) ?? 0;
    if (until.getTime() <= current) return false;
    this.until.set(academyId, until.getTime());
    return true;
  }

  close(academyId: string): void {
    this.until.delete(academyId);
  }
}
