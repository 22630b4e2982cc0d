/** An academy (académie, or any organisation that runs schools) and its schools, by UAI. */
export interface Academy {
  /** Short slug, e.g. `versailles` (see ACADEMY_CODE). */
  code: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface School {
  uai: string;
  name: string;
  city: string;
  academy: string;
  /** Ids of the LMS platform registrations (lti module) the school's teachers launch from. */
  platformIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** A platform registration as organizations need to see it (the lti module owns the rest). */
export interface PlatformSummary {
  id: string;
  name: string;
  status: string;
  academy?: string;
}

/** Port onto the lti module's registrations. */
export interface PlatformDirectory {
  find(registrationId: string): Promise<PlatformSummary | undefined>;
}
