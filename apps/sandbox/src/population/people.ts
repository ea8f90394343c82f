// Plausible people and businesses: names in several scripts (Latin with diacritics, Arabic, Chinese, Greek),
// addresses, phone numbers, identity documents and tax IDs in the formats of the countries they come from.
// Non-Latin names are stored as "native|latin" so emails and tax IDs can be derived from the transliteration.

import type { Rng } from './prng';

export type Script = 'latin' | 'arabic' | 'chinese' | 'greek';
export type OriginId = 'mx' | 'do' | 'us' | 'de' | 'fr' | 'es' | 'pt' | 'pl' | 'se' | 'gr' | 'ar' | 'cn';
type ResidenceId = 'mx' | 'do' | 'us' | 'de' | 'fr' | 'es' | 'pt' | 'pl' | 'se' | 'gr';

interface Origin {
  script: Script;
  nationalities: readonly (readonly [code: string, name: string])[];
  male: readonly string[];
  female: readonly string[];
  surnames: readonly string[];
  twoSurnames: boolean;
  middleNameChance: number;
  residences: readonly ResidenceId[];
}

type Place = readonly [city: string, state: string, postalCode: string];

interface Residence {
  code: string;
  name: string;
  places: readonly Place[];
  streets: readonly string[];
  phone: (rng: Rng) => string;
  format: (street: string, number: number, place: Place, countryName: string) => string;
  localId: string;
}

const europeanAddress = (street: string, number: number, [city, , postal]: Place, country: string) =>
  `${street} ${number}, ${postal} ${city}, ${country}`;

const residences: Record<ResidenceId, Residence> = {
  mx: {
    code: 'MX',
    name: 'Mexico',
    places: [
      ['Ciudad de México', 'CDMX', '03100'],
      ['Guadalajara', 'Jalisco', '44100'],
      ['Monterrey', 'Nuevo León', '64000'],
      ['Puebla', 'Puebla', '72000'],
      ['Mérida', 'Yucatán', '97000'],
      ['Querétaro', 'Querétaro', '76000'],
    ],
    streets: [
      'Av. Insurgentes Sur',
      'Paseo de la Reforma',
      'Calz. de Tlalpan',
      'Av. Juárez',
      'Calle Niños Héroes',
    ],
    phone: (rng) => `+52${rng.pick(['55', '33', '81', '44', '99'])}${rng.digits(8)}`,
    format: (street, number, [city, state, postal]) =>
      `${street} ${number}, ${city}, ${state}, C.P. ${postal}, México`,
    localId: 'INE',
  },
  do: {
    code: 'DO',
    name: 'Dominican Republic',
    places: [
      ['Santo Domingo', 'Distrito Nacional', '10101'],
      ['Santiago de los Caballeros', 'Santiago', '51000'],
      ['La Romana', 'La Romana', '22000'],
      ['Higüey', 'La Altagracia', '23000'],
    ],
    streets: ['Av. Winston Churchill', 'Calle El Conde', 'Av. 27 de Febrero', 'Av. Abraham Lincoln'],
    phone: (rng) => `+1${rng.pick(['809', '829', '849'])}${rng.digits(7)}`,
    format: (street, number, [city, state, postal]) =>
      `${street} #${number}, ${city}, ${state} ${postal}, República Dominicana`,
    localId: 'NATIONAL_ID',
  },
  us: {
    code: 'US',
    name: 'United States',
    places: [
      ['New York', 'NY', '10001'],
      ['Los Angeles', 'CA', '90012'],
      ['Houston', 'TX', '77002'],
      ['Miami', 'FL', '33130'],
      ['Chicago', 'IL', '60601'],
      ['Seattle', 'WA', '98101'],
    ],
    streets: ['Main St', 'Oak Ave', 'Maple Dr', 'Broadway', 'Elm St', 'Washington Blvd'],
    phone: (rng) => `+1${rng.pick(['212', '310', '713', '305', '312', '206'])}${rng.digits(7)}`,
    format: (street, number, [city, state, postal], country) =>
      `${number} ${street}, ${city}, ${state} ${postal}, ${country}`,
    localId: 'DRIVERS_LICENSE',
  },
  de: {
    code: 'DE',
    name: 'Germany',
    places: [
      ['Berlin', 'Berlin', '10115'],
      ['München', 'Bayern', '80331'],
      ['Köln', 'Nordrhein-Westfalen', '50667'],
      ['Düsseldorf', 'Nordrhein-Westfalen', '40213'],
    ],
    streets: ['Hauptstraße', 'Schloßallee', 'Königsallee', 'Friedrichstraße', 'Gartenweg'],
    phone: (rng) => `+49${rng.pick(['151', '160', '170', '176'])}${rng.digits(8)}`,
    format: (street, number, place) => europeanAddress(street, number, place, 'Deutschland'),
    localId: 'NATIONAL_ID',
  },
  fr: {
    code: 'FR',
    name: 'France',
    places: [
      ['Paris', 'Île-de-France', '75011'],
      ['Lyon', 'Auvergne-Rhône-Alpes', '69002'],
      ['Marseille', "Provence-Alpes-Côte d'Azur", '13001'],
      ['Lille', 'Hauts-de-France', '59000'],
    ],
    streets: ['Rue de la République', 'Boulevard Voltaire', 'Rue Saint-Honoré', 'Avenue Jean Jaurès'],
    phone: (rng) => `+33${rng.pick(['6', '7'])}${rng.digits(8)}`,
    format: (street, number, [city, , postal]) => `${number} ${street}, ${postal} ${city}, France`,
    localId: 'NATIONAL_ID',
  },
  es: {
    code: 'ES',
    name: 'Spain',
    places: [
      ['Madrid', 'Madrid', '28013'],
      ['Barcelona', 'Cataluña', '08002'],
      ['Sevilla', 'Andalucía', '41004'],
      ['Valencia', 'Comunidad Valenciana', '46002'],
      ['A Coruña', 'Galicia', '15003'],
    ],
    streets: ['Calle Mayor', 'Gran Vía', 'Calle de Alcalá', 'Passeig de Gràcia', 'Calle Larios'],
    phone: (rng) => `+34${rng.pick(['6', '7'])}${rng.digits(8)}`,
    format: (street, number, place) => europeanAddress(street, number, place, 'España'),
    localId: 'NATIONAL_ID',
  },
  pt: {
    code: 'PT',
    name: 'Portugal',
    places: [
      ['Lisboa', 'Lisboa', '1100-148'],
      ['Porto', 'Porto', '4000-322'],
      ['Braga', 'Braga', '4700-035'],
    ],
    streets: ['Rua Augusta', 'Avenida da Liberdade', 'Rua de Santa Catarina'],
    phone: (rng) => `+3519${rng.digits(8)}`,
    format: (street, number, place) => europeanAddress(street, number, place, 'Portugal'),
    localId: 'NATIONAL_ID',
  },
  pl: {
    code: 'PL',
    name: 'Poland',
    places: [
      ['Warszawa', 'Mazowieckie', '00-001'],
      ['Kraków', 'Małopolskie', '31-001'],
      ['Gdańsk', 'Pomorskie', '80-001'],
      ['Łódź', 'Łódzkie', '90-001'],
    ],
    streets: ['ul. Marszałkowska', 'ul. Floriańska', 'ul. Długa', 'ul. Piotrkowska'],
    phone: (rng) => `+48${rng.pick(['5', '6', '7', '8'])}${rng.digits(8)}`,
    format: (street, number, place) => europeanAddress(street, number, place, 'Polska'),
    localId: 'NATIONAL_ID',
  },
  se: {
    code: 'SE',
    name: 'Sweden',
    places: [
      ['Stockholm', 'Stockholm', '111 52'],
      ['Göteborg', 'Västra Götaland', '411 01'],
      ['Malmö', 'Skåne', '211 20'],
    ],
    streets: ['Drottninggatan', 'Kungsgatan', 'Storgatan', 'Östra Hamngatan'],
    phone: (rng) => `+467${rng.pick(['0', '2', '3', '6'])}${rng.digits(7)}`,
    format: (street, number, place) => europeanAddress(street, number, place, 'Sverige'),
    localId: 'NATIONAL_ID',
  },
  gr: {
    code: 'GR',
    name: 'Greece',
    places: [
      ['Αθήνα', 'Αττική', '105 57'],
      ['Θεσσαλονίκη', 'Κεντρική Μακεδονία', '546 24'],
    ],
    streets: ['Οδός Ερμού', 'Λεωφόρος Συγγρού', 'Οδός Τσιμισκή'],
    phone: (rng) => `+3069${rng.digits(8)}`,
    format: (street, number, place) => europeanAddress(street, number, place, 'Ελλάδα'),
    localId: 'NATIONAL_ID',
  },
};

const origins: Record<OriginId, Origin> = {
  mx: {
    script: 'latin',
    nationalities: [['MX', 'Mexico']],
    male: ['José', 'Juan', 'Luis', 'Andrés', 'Jesús', 'Ángel', 'Raúl', 'Héctor', 'Sebastián', 'Martín'],
    female: [
      'María',
      'Guadalupe',
      'Sofía',
      'Ximena',
      'Fernanda',
      'Mónica',
      'Verónica',
      'Lucía',
      'Rocío',
      'Itzel',
    ],
    surnames: [
      'García',
      'Hernández',
      'López',
      'Martínez',
      'González',
      'Pérez',
      'Rodríguez',
      'Sánchez',
      'Ramírez',
      'Núñez',
      'Ibáñez',
      'Muñoz',
      'Peña',
      'Ávila',
      'Velázquez',
      'Domínguez',
    ],
    twoSurnames: true,
    middleNameChance: 0.4,
    residences: ['mx'],
  },
  do: {
    script: 'latin',
    nationalities: [['DO', 'Dominican Republic']],
    male: ['Wander', 'Francisco', 'Rafael', 'Yunior', 'Ramón', 'Julio', 'Ángel'],
    female: ['Yokasta', 'Yuleisy', 'Altagracia', 'Mercedes', 'Dulce', 'Rosanna', 'Ana'],
    surnames: [
      'De los Santos',
      'Peña',
      'Reyes',
      'Almonte',
      'Batista',
      'Féliz',
      'Núñez',
      'Rosario',
      'Tavárez',
    ],
    twoSurnames: true,
    middleNameChance: 0.3,
    residences: ['do', 'do', 'us'],
  },
  us: {
    script: 'latin',
    nationalities: [['US', 'United States']],
    male: ['James', 'Michael', 'Robert', 'DeShawn', 'Liam', 'Patrick'],
    female: ['Mary', 'Jennifer', 'Anne-Marie', 'Emily', 'Aaliyah', 'Grace'],
    surnames: ['Smith', 'Johnson', "O'Connor", 'Williams', 'Nguyen', 'McAllister', 'Van der Berg', 'Brown'],
    twoSurnames: false,
    middleNameChance: 0.5,
    residences: ['us'],
  },
  de: {
    script: 'latin',
    nationalities: [['DE', 'Germany']],
    male: ['Jürgen', 'Lukas', 'Björn', 'Jörg', 'Maximilian', 'Ömer'],
    female: ['Zoë', 'Anna', 'Käthe', 'Lena', 'Hannah', 'Sophie'],
    surnames: ['Müller', 'Schröder', 'Weiß', 'Groß', 'Köhler', 'Schäfer', 'Özdemir', 'Bäcker'],
    twoSurnames: false,
    middleNameChance: 0.25,
    residences: ['de'],
  },
  fr: {
    script: 'latin',
    nationalities: [['FR', 'France']],
    male: ['François', 'Jérôme', 'Benoît', 'Loïc', 'Théo'],
    female: ['Hélène', 'Chloé', 'Élodie', 'Anaïs', 'Maëlle'],
    surnames: ['Lefèvre', 'Dubois', 'Moreau', 'Girard', 'Rousseau', 'Lemaître', 'Bénard'],
    twoSurnames: false,
    middleNameChance: 0.3,
    residences: ['fr'],
  },
  es: {
    script: 'latin',
    nationalities: [['ES', 'Spain']],
    male: ['Íñigo', 'Álvaro', 'Sergio', 'Jordi', 'Óscar'],
    female: ['Lucía', 'Begoña', 'Nuria', 'Mónica', 'Pilar'],
    surnames: ['Núñez', 'Fernández', 'Gutiérrez', 'Martín', 'Muñoz', 'Iglesias', 'Castaño', 'Peñalver'],
    twoSurnames: true,
    middleNameChance: 0.15,
    residences: ['es'],
  },
  pt: {
    script: 'latin',
    nationalities: [['PT', 'Portugal']],
    male: ['João', 'Gonçalo', 'Tomás', 'Rui'],
    female: ['Inês', 'Conceição', 'Beatriz', 'Leonor'],
    surnames: ['Gonçalves', 'Magalhães', 'Simões', 'Araújo', 'Lourenço', 'Patrício'],
    twoSurnames: false,
    middleNameChance: 0.5,
    residences: ['pt'],
  },
  pl: {
    script: 'latin',
    nationalities: [['PL', 'Poland']],
    male: ['Łukasz', 'Paweł', 'Wojciech', 'Jędrzej'],
    female: ['Małgorzata', 'Agnieszka', 'Zofia', 'Katarzyna'],
    surnames: ['Wiśniewski', 'Kowalczyk', 'Wójcik', 'Dąbrowski', 'Zieliński', 'Szymański'],
    twoSurnames: false,
    middleNameChance: 0.2,
    residences: ['pl', 'de'],
  },
  se: {
    script: 'latin',
    nationalities: [['SE', 'Sweden']],
    male: ['Björn', 'Örjan', 'Lars', 'Nils'],
    female: ['Åsa', 'Linnéa', 'Ingrid', 'Maja'],
    surnames: ['Lindqvist', 'Ångström', 'Sjöberg', 'Åberg', 'Jönsson', 'Nyström'],
    twoSurnames: false,
    middleNameChance: 0.3,
    residences: ['se'],
  },
  gr: {
    script: 'greek',
    nationalities: [['GR', 'Greece']],
    male: ['Γιώργος|Giorgos', 'Νίκος|Nikos', 'Δημήτρης|Dimitris', 'Κώστας|Kostas'],
    female: ['Μαρία|Maria', 'Ελένη|Eleni', 'Κατερίνα|Katerina', 'Σοφία|Sofia'],
    surnames: ['Οικονόμου|Oikonomou', 'Γεωργίου|Georgiou', 'Νικολάου|Nikolaou', 'Βασιλείου|Vasileiou'],
    twoSurnames: false,
    middleNameChance: 0,
    residences: ['gr'],
  },
  ar: {
    script: 'arabic',
    nationalities: [
      ['JO', 'Jordan'],
      ['EG', 'Egypt'],
      ['MA', 'Morocco'],
      ['LB', 'Lebanon'],
      ['AE', 'United Arab Emirates'],
    ],
    male: ['محمد|Mohammed', 'أحمد|Ahmed', 'يوسف|Youssef', 'عمر|Omar', 'خالد|Khaled'],
    female: ['فاطمة|Fatima', 'ليلى|Layla', 'مريم|Maryam', 'نور|Nour', 'سارة|Sara'],
    surnames: ['العلي|Al-Ali', 'الحسن|Al-Hassan', 'الخطيب|Al-Khatib', 'المصري|Al-Masri', 'حداد|Haddad'],
    twoSurnames: false,
    middleNameChance: 0,
    residences: ['es', 'fr', 'de', 'us', 'mx'],
  },
  cn: {
    script: 'chinese',
    nationalities: [['CN', 'China']],
    male: ['小明|Xiaoming', '伟|Wei', '强|Qiang', '浩然|Haoran'],
    female: ['丽|Li', '芳|Fang', '静|Jing', '雨桐|Yutong'],
    surnames: ['王|Wang', '李|Li', '张|Zhang', '刘|Liu', '陈|Chen', '杨|Yang'],
    twoSurnames: false,
    middleNameChance: 0,
    residences: ['mx', 'us', 'es'],
  },
};

const originWeights: readonly (readonly [OriginId, number])[] = [
  ['mx', 30],
  ['do', 10],
  ['us', 12],
  ['de', 6],
  ['fr', 5],
  ['es', 8],
  ['pt', 4],
  ['pl', 4],
  ['se', 3],
  ['gr', 3],
  ['ar', 8],
  ['cn', 7],
];

const DAY_MS = 86_400_000;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** YYYY-MM-DD of a UTC time, by calendar arithmetic (days to civil date): far cheaper than a Date per call. */
export function isoDate(ms: number): string {
  const z = Math.floor(ms / DAY_MS) + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** The same day `years` later (YYYY-MM-DD); 29 February becomes the 28th in a year without one. */
export function addYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const monthDay = date.slice(4);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}${monthDay === '-02-29' && !leap ? '-02-28' : monthDay}`;
}

export function daysFrom(epochMs: number, days: number): string {
  return isoDate(epochMs + days * DAY_MS);
}

const foldMap: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
};

/** Latin letters without diacritics; special letters spelled out. */
export function foldToAscii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßøØłŁæÆœ]/g, (ch) => foldMap[ch] ?? ch);
}

/** A name with its Latin form and the ASCII letters used in emails and tax IDs, worked out once per pool entry. */
interface NamePart {
  native: string;
  latin: string;
  lower: string;
  upper: string;
}

function namePart(native: string, latin = foldToAscii(native)): NamePart {
  const letters = latin.replace(/[^A-Za-z]/g, '');
  return { native, latin, lower: letters.toLowerCase(), upper: letters.toUpperCase() };
}

function poolEntry(entry: string): NamePart {
  const bar = entry.indexOf('|');
  return bar < 0 ? namePart(entry) : namePart(entry.slice(0, bar), entry.slice(bar + 1));
}

interface NamePool {
  origin: Origin;
  male: NamePart[];
  female: NamePart[];
  surnames: NamePart[];
  femaleSurnames: NamePart[];
}

const pools = Object.fromEntries(
  Object.entries(origins).map(([id, origin]) => [
    id,
    {
      origin,
      male: origin.male.map(poolEntry),
      female: origin.female.map(poolEntry),
      surnames: origin.surnames.map(poolEntry),
      // Polish surnames in -ski/-cki take -ska/-cka for women.
      femaleSurnames: origin.surnames.map((entry) => poolEntry(entry.replace(/([sc])ki$/, '$1ka'))),
    },
  ]),
) as Record<OriginId, NamePool>;

export interface PersonName {
  firstName: string;
  middleName?: string;
  lastName: string;
  secondLastName?: string;
  /** Transliterations for names not written in Latin script. */
  latinFirstName?: string;
  latinLastName?: string;
}

interface NameParts {
  first: NamePart;
  middle?: NamePart;
  last: NamePart;
  second?: NamePart;
}

function drawName(rng: Rng, pool: NamePool, gender: 'M' | 'F'): NameParts {
  const given = gender === 'M' ? pool.male : pool.female;
  const first = rng.pick(given);
  const last = rng.pick(gender === 'M' ? pool.surnames : pool.femaleSurnames);
  const middle = rng.chance(pool.origin.middleNameChance) ? rng.pick(given) : undefined;
  const second = pool.origin.twoSurnames ? rng.pick(pool.surnames) : undefined;
  const parts: NameParts = { first, last };
  if (middle && middle !== first) parts.middle = middle;
  if (second && second.native !== last.native) parts.second = second;
  return parts;
}

function partsOf(name: PersonName): NameParts {
  const parts: NameParts = {
    first: namePart(name.firstName, name.latinFirstName),
    last: namePart(name.lastName, name.latinLastName),
  };
  if (name.middleName) parts.middle = namePart(name.middleName);
  if (name.secondLastName) parts.second = namePart(name.secondLastName);
  return parts;
}

export interface IdentityDocument {
  idType: string;
  idNumber: string;
  issueDate: string;
  expiryDate: string;
  issueCountryCode: string;
  issueCountry: string;
}

export interface PersonAddress {
  line1: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
  fullAddress: string;
}

export interface Person extends PersonName {
  script: Script;
  fullName: string;
  /** The full name in Latin letters without diacritics (a transliteration for other scripts). */
  latinFullName: string;
  gender: 'M' | 'F';
  birthDate: string;
  nationalityCode: string;
  nationality: string;
  /** Where the person lives: the KYC country, phone and address come from here. */
  residenceCode: string;
  phone: string;
  email: string;
  /** RFC-like: four letters, birth date (YYMMDD), three characters. */
  taxId: string;
  address: PersonAddress;
  document: IdentityDocument;
}

function documentNumber(
  rng: Rng,
  idType: string,
  issuer: string,
  birthDate: string,
  gender: 'M' | 'F',
): string {
  const yymmdd = birthDate.slice(2).replaceAll('-', '');
  switch (idType) {
    case 'INE':
      return `${rng.letters(6)}${yymmdd}${rng.digits(2)}${gender === 'M' ? 'H' : 'M'}${rng.digits(3)}`;
    case 'DRIVERS_LICENSE':
      return `${rng.letters(1)}${rng.digits(7)}`;
    case 'RESIDENT_CARD':
      return issuer === 'ES' ? `X${rng.digits(7)}${rng.letters(1)}` : `RC${rng.digits(8)}`;
    case 'PASSPORT':
      if (issuer === 'US') return rng.digits(9);
      if (issuer === 'MX') return `G${rng.digits(8)}`;
      if (issuer === 'CN') return `E${rng.digits(8)}`;
      return `${rng.letters(2)}${rng.digits(7)}`;
    default:
      if (issuer === 'DO') return `${rng.digits(3)}-${rng.digits(7)}-${rng.digits(1)}`;
      if (issuer === 'ES') return `${rng.digits(8)}${rng.letters(1)}`;
      if (issuer === 'SE') return `${yymmdd}-${rng.digits(4)}`;
      if (issuer === 'DE') return `L${rng.alphanumeric(8)}`;
      return rng.alphanumeric(9);
  }
}

const countryNames: Record<string, string> = Object.fromEntries([
  ...Object.values(residences).map((r) => [r.code, r.name]),
  ...Object.values(origins).flatMap((o) => o.nationalities.map(([code, name]) => [code, name])),
]);

export function countryName(code: string): string {
  return countryNames[code] ?? code;
}

export interface PersonOptions {
  origin?: OriginId;
  gender?: 'M' | 'F';
  name?: PersonName;
}

/** Only a name, for people the population mentions without describing (beneficial owners). */
export function makeFullName(rng: Rng): string {
  const pool = pools[rng.weighted(originWeights)];
  const { first, middle, last, second } = drawName(rng, pool, rng.chance(0.5) ? 'M' : 'F');
  if (pool.origin.script === 'chinese') return `${last.native}${first.native}`;
  return [first, middle, last, second]
    .filter((p): p is NamePart => p !== undefined)
    .map((p) => p.native)
    .join(' ');
}

/** A person born 19 to 82 years before the epoch, with a currently valid identity document. */
export function makePerson(rng: Rng, epochMs: number, options: PersonOptions = {}): Person {
  const pool = pools[options.origin ?? rng.weighted(originWeights)];
  const origin = pool.origin;
  const residence = residences[rng.pick(origin.residences)];
  const gender = options.gender ?? (rng.chance(0.5) ? 'M' : 'F');
  const [nationalityCode, nationality] = rng.pick(origin.nationalities);
  const { first, middle, last, second } = options.name ? partsOf(options.name) : drawName(rng, pool, gender);

  const age = rng.int(19, 82);
  const birthYear = new Date(epochMs).getUTCFullYear() - age;
  const birthDate = `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;

  const place = rng.pick(residence.places);
  const street = rng.pick(residence.streets);
  const number = rng.int(1, 2400);
  const [city, state, postalCode] = place;
  const address: PersonAddress = {
    line1: residence.code === 'US' ? `${number} ${street}` : `${street} ${number}`,
    city,
    state,
    postalCode,
    country: residence.code,
    fullAddress: residence.format(street, number, place, residence.name),
  };

  const atHome = nationalityCode === residence.code;
  const idType = atHome
    ? rng.chance(0.7)
      ? residence.localId
      : 'PASSPORT'
    : rng.chance(0.6)
      ? 'PASSPORT'
      : 'RESIDENT_CARD';
  const issuer = idType === 'PASSPORT' ? nationalityCode : residence.code;
  const issueDate = daysFrom(epochMs, -rng.int(30, 9 * 365));
  const document: IdentityDocument = {
    idType,
    idNumber: documentNumber(rng, idType, issuer, birthDate, gender),
    issueDate,
    expiryDate: addYears(issueDate, idType === 'DRIVERS_LICENSE' ? 8 : 10),
    issueCountryCode: issuer,
    issueCountry: countryName(issuer),
  };

  // join() gives flat strings; long template concatenations would be kept as ropes, which matters at 100k subjects.
  const email = [
    first.lower,
    '.',
    last.lower,
    rng.digits(rng.int(2, 4)),
    rng.chance(0.1) ? '+kyc' : '',
    '@',
    rng.pick(['example.com', 'example.org', 'example.net']),
  ].join('');
  const taxId = [
    `${last.upper}XX`.slice(0, 2),
    `${second?.upper ?? ''}X`.slice(0, 1),
    `${first.upper}X`.slice(0, 1),
    birthDate.slice(2).replaceAll('-', ''),
    rng.alphanumeric(3),
  ].join('');

  const ordered = [first, middle, last, second].filter((p): p is NamePart => p !== undefined);
  const chinese = origin.script === 'chinese';
  const person: Person = {
    firstName: first.native,
    lastName: last.native,
    script: origin.script,
    fullName: chinese ? `${last.native}${first.native}` : ordered.map((p) => p.native).join(' '),
    latinFullName: chinese ? `${last.latin} ${first.latin}` : ordered.map((p) => p.latin).join(' '),
    gender,
    birthDate,
    nationalityCode,
    nationality,
    residenceCode: residence.code,
    phone: residence.phone(rng),
    email,
    taxId,
    address,
    document,
  };
  if (middle) person.middleName = middle.native;
  if (second) person.secondLastName = second.native;
  if (origin.script !== 'latin') {
    person.latinFirstName = first.latin;
    person.latinLastName = last.latin;
  }
  return person;
}

export interface Business {
  name: string;
  script: Script;
  country: string;
  taxId: string;
  email: string;
  address: PersonAddress;
}

const businessNames: readonly (readonly [ResidenceId, Script, string])[] = [
  ['mx', 'latin', 'Comercializadora Ñandú S.A. de C.V.'],
  ['mx', 'latin', 'Tecnologías Quetzal S.A.P.I. de C.V.'],
  ['mx', 'latin', 'Distribuidora Peñasco S. de R.L. de C.V.'],
  ['mx', 'chinese', '墨西哥星光贸易有限公司|Estrella Comercio Oriental S.A. de C.V.'],
  ['do', 'latin', 'Inversiones Caribeñas S.R.L.'],
  ['do', 'latin', 'Agroindustrias del Cibao S.A.'],
  ['us', 'latin', 'Blue Harbor Trading LLC'],
  ['us', 'latin', "O'Malley & Sons Hardware LLC"],
  ['us', 'latin', 'Summit Ridge Capital Inc.'],
  ['de', 'latin', 'Müller & Söhne GmbH'],
  ['de', 'latin', 'Bäckerei Groß KG'],
  ['es', 'latin', 'Construcciones Ibáñez S.L.'],
  ['es', 'arabic', 'شركة النور للتجارة|Al Noor Comercio S.L.'],
  ['fr', 'latin', 'Atelier Éclair SAS'],
  ['gr', 'greek', 'Ναυτιλιακή Αιγαίου Α.Ε.|Aegean Shipping S.A.'],
];

function businessTaxId(rng: Rng, country: string, epochMs: number): string {
  switch (country) {
    case 'MX':
      return `${rng.letters(3)}${daysFrom(epochMs, -rng.int(400, 9000)).slice(2).replaceAll('-', '')}${rng.alphanumeric(3)}`;
    case 'US':
      return `${rng.digits(2)}-${rng.digits(7)}`;
    case 'ES':
      return `B${rng.digits(8)}`;
    case 'DE':
      return `DE${rng.digits(9)}`;
    case 'DO':
      return `1${rng.digits(8)}`;
    default:
      return `${country}${rng.digits(9)}`;
  }
}

interface BusinessName {
  residence: Residence;
  script: Script;
  name: string;
  /** For the email domain. */
  slug: string;
}

const businessTable: readonly BusinessName[] = businessNames.map(([residenceId, script, entry]) => {
  const { native, latin } = poolEntry(entry);
  const slug = latin
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 24);
  return { residence: residences[residenceId], script, name: native, slug };
});

export function makeBusiness(rng: Rng, epochMs: number): Business {
  const { residence, script, name, slug } = rng.pick(businessTable);
  const place = rng.pick(residence.places);
  const street = rng.pick(residence.streets);
  const number = rng.int(1, 2400);
  const [city, state, postalCode] = place;
  return {
    name,
    script,
    country: residence.code,
    taxId: businessTaxId(rng, residence.code, epochMs),
    email: `${rng.pick(['compliance', 'finance', 'admin', 'onboarding'])}@${slug}.example.com`,
    address: {
      line1: residence.code === 'US' ? `${number} ${street}` : `${street} ${number}`,
      city,
      state,
      postalCode,
      country: residence.code,
      fullAddress: residence.format(street, number, place, residence.name),
    },
  };
}
