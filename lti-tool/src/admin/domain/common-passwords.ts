/**
 * A small bundled list of passwords (and password stems, before trailing digits) that
 * top every public breach list, in French and English, plus the school world's obvious
 * choices. It catches the worst choices offline; it is no substitute for a full breach
 * corpus (e.g. a k-anonymity breach lookup), which we do not call from a school network.
 * Entries are folded: lower case, no accents.
 */
const WORDS = `
password passw0rd motdepasse mot2passe motdepass secret azerty azertyuiop azerty123 qwerty qwertyuiop qwertz
iloveyou jetaime jetaimetoi soleil bonjour bonsoir doudou loulou chouchou nounours cheval chocolat coucou
princesse marseille paris lyon toulouse bordeaux nantes lille strasbourg france football olympique
superman batman pokemon naruto starwars dragon monkey master shadow sunshine welcome letmein trustno1
admin administrateur administrator root changeme changeit default qazwsx zaqxsw 1q2w3e4r 1qaz2wsx
abc123 abcdef abcdefgh abcd1234 aaaaaa 000000 111111 121212 123123 123321 654321 666666 696969 7777777
12345678 123456789 1234567890 0123456789 987654321 11111111 00000000 88888888 147258369 159753 741852963
education nationale education-nationale academie ecole college lycee professeur enseignant eleve
directeur directrice principal proviseur inspecteur rectorat moodle elea pix pixorga pixadmin
bienvenue bienvenue1 salut hello hellohello welcome1 summer hiver printemps automne vacances
juillet janvier fevrier septembre octobre novembre decembre dimanche lundi samedi
camille thomas nicolas julien alexandre sebastien stephanie isabelle nathalie christophe
`;

const SEQUENCES = ['01234567890123456789', 'abcdefghijklmnopqrstuvwxyz', 'azertyuiopqsdfghjklmwxcvbn', 'qwertyuiopasdfghjklzxcvbnm', '98765432109876543210'];

const LIST = new Set(WORDS.split(/\s+/).filter(Boolean));

/** `has` also answers true for any run of a keyboard row or of the alphabet or digits. */
export const COMMON_PASSWORDS = {
  has(folded: string): boolean {
    if (!folded) return false;
    return LIST.has(folded) || SEQUENCES.some((s) => s.includes(folded) && folded.length >= 6);
  },
};
