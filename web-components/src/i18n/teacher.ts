import { loadedEnglish, type UiLocale } from './locale.js';
import { teacherFr, type TeacherMessages } from './teacher.fr.js';

export type { TeacherMessages };

/** The teacher's catalogue: only the teacher's chunks import this module. */
export function teacherMessagesFor(locale: UiLocale): TeacherMessages {
  const english = loadedEnglish();
  return locale === 'en' && english ? english.teacherEn : teacherFr;
}
