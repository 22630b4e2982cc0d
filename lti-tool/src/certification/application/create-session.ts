import { notFound } from '../../platform/errors.js';
import { generateAccessCode, generateInvigilatorPassword } from '../domain/codes.js';
import type { CertificationSession } from '../domain/session.js';
import type { CertificationDeps } from './dependencies.js';

const MAX_CODE_DRAWS = 20;

export interface NewSession {
  centreUai: string;
  date: string;
  time: string;
  room: string;
  invigilator: string;
}

/**
 * Creates a session with its number, a unique access code (drawn again on collision
 * with the unique index) and an invigilator password, returned once in clear here and
 * kept sealed.
 */
export async function createSession(
  input: NewSession,
  deps: Pick<CertificationDeps, 'centres' | 'sessions' | 'box' | 'clock' | 'random' | 'newId'>,
): Promise<{ session: CertificationSession; invigilatorPassword: string }> {
  const centre = await deps.centres.find(input.centreUai);
  if (!centre) throw notFound('CENTRE_NOT_FOUND', `No certification centre with UAI ${input.centreUai}.`);
  const number = await deps.sessions.nextNumber();
  const invigilatorPassword = generateInvigilatorPassword(deps.random);
  for (let draw = 0; draw < MAX_CODE_DRAWS; draw++) {
    const session: CertificationSession = {
      id: deps.newId(),
      number,
      centreUai: centre.uai,
      academyId: centre.academyId,
      date: input.date,
      time: input.time,
      room: input.room,
      invigilator: input.invigilator,
      accessCode: generateAccessCode(deps.random),
      status: 'created',
      createdAt: deps.clock(),
    };
    if ((await deps.sessions.insert({ ...session, sealedInvigilatorPassword: deps.box.seal(invigilatorPassword) })) === 'ok') {
      return { session, invigilatorPassword };
    }
  }
  throw new Error(`could not draw a free access code in ${MAX_CODE_DRAWS} tries`);
}
