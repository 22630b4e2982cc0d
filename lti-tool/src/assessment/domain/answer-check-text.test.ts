import { describe, expect, it } from 'vitest';
import { FULL_TOLERANCE } from '../../content/domain/challenge.js';
import { applyTreatments, baseNormalise, matchText, typoRatio } from './answer-check-text.js';

const none = { t1: false, t2: false, t3: false };

describe('baseNormalise (always applied)', () => {
  it('collapses and trims spaces, including non-breaking and narrow ones', () => {
    expect(baseNormalise('  mot \u00A0de\u202Fpasse\t ')).toBe('mot de passe');
  });
  it('unifies typographic apostrophes, quotes and dashes', () => {
    expect(baseNormalise('l’ordinateur « portable » — oui')).toBe('l\'ordinateur " portable " - oui');
  });
  it('folds full-width and compatibility forms (NFKC)', () => {
    expect(baseNormalise('ＰＤＦ')).toBe('PDF');
  });
});

describe('treatments', () => {
  it('t1 ignores case, accents, ligatures and every space', () => {
    expect(applyTreatments('  Œuvre Éléa  À jour ', { t1: true, t2: false })).toBe('oeuvreeleaajour');
    expect(applyTreatments('Straße', { t1: true, t2: false })).toBe('strasse');
  });
  it('t1 also strips accents written as combining marks (NFD input)', () => {
    expect(applyTreatments('e\u0301le\u0300ve', { t1: true, t2: false })).toBe('eleve');
  });
  it('t2 removes punctuation but keeps symbols such as + and letters of any script', () => {
    expect(applyTreatments('C++, « vraiment » !', { t1: false, t2: true })).toBe('C++ vraiment');
    expect(applyTreatments('e-mail', { t1: false, t2: true })).toBe('email');
  });
  it('without t1, case and accents matter', () => {
    expect(applyTreatments('Élève', { t1: false, t2: true })).toBe('Élève');
  });
});

describe('matchText', () => {
  it('says exact when only spacing or apostrophes differ', () => {
    expect(matchText(' l’URL ', ["l'URL"], FULL_TOLERANCE)).toBe('exact');
  });
  it('says normalised when t1/t2 were needed', () => {
    expect(matchText('MOTEUR DE RECHERCHE.', ['moteur de recherche'], FULL_TOLERANCE)).toBe('normalised');
  });
  it('refuses case differences when t1 is off', () => {
    expect(matchText('firefox', ['Firefox'], { ...FULL_TOLERANCE, t1: false, t3: false })).toBeUndefined();
    expect(matchText('Firefox', ['Firefox'], { ...FULL_TOLERANCE, t1: false })).toBe('exact');
  });
  it('refuses punctuation differences when t2 is off', () => {
    expect(matchText('e-mail', ['email'], { t1: true, t2: false, t3: false })).toBeUndefined();
  });
  it('refuses everything but the exact text when all treatments are off', () => {
    expect(matchText('Paris', ['Paris'], none)).toBe('exact');
    expect(matchText('paris', ['Paris'], none)).toBeUndefined();
  });
  it('forgives a typo at a ratio of exactly 0.25', () => {
    // "navigateur" has 10 letters; … 8 letters: 2 edits / 8 = 0.25
    expect(typoRatio('tableaur', 'tableau')).toBeCloseTo(1 / 7);
    expect(typoRatio('abcdxxgh', 'abcdefgh')).toBe(0.25);
    expect(matchText('abcdxxgh', ['abcdefgh'], FULL_TOLERANCE)).toBe('typo');
  });
  it('refuses a ratio of 0.26', () => {
    const accepted = 'a'.repeat(50);
    const answer13 = 'b'.repeat(13) + 'a'.repeat(37); // 13 substitutions / 50 = 0.26
    const answer12 = 'b'.repeat(12) + 'a'.repeat(38); // 12 / 50 = 0.24
    expect(typoRatio(answer13, accepted)).toBe(0.26);
    expect(matchText(answer13, [accepted], FULL_TOLERANCE)).toBeUndefined();
    expect(matchText(answer12, [accepted], FULL_TOLERANCE)).toBe('typo');
  });
  it('measures the ratio on the treated strings, against the accepted answer’s length', () => {
    expect(matchText('Navigatuer', ['navigateur'], FULL_TOLERANCE)).toBe('typo'); // 2 edits / 10
    expect(matchText('nav', ['navigateur'], FULL_TOLERANCE)).toBeUndefined();
  });
  it('never forgives a typo when t3 is off', () => {
    expect(matchText('navigatuer', ['navigateur'], { ...FULL_TOLERANCE, t3: false })).toBeUndefined();
  });
  it('short answers get no typo (1 edit on 3 letters is 0.33)', () => {
    expect(matchText('pdg', ['pdf'], FULL_TOLERANCE)).toBeUndefined();
  });
  it('matches any of the accepted alternatives', () => {
    expect(matchText('Mozilla Firefox', ['Firefox', 'Mozilla Firefox'], FULL_TOLERANCE)).toBe('exact');
  });
  it('never matches an empty or blank answer, nor punctuation alone', () => {
    expect(matchText('', ['x'], FULL_TOLERANCE)).toBeUndefined();
    expect(matchText('   ', ['x'], FULL_TOLERANCE)).toBeUndefined();
    expect(matchText('?!', ['ok'], FULL_TOLERANCE)).toBeUndefined();
  });
});
