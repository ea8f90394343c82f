/** The view's sections as the case page titles them. */
const sectionLabels: Record<string, string> = {
  subject: 'Subject',
  verification: 'Verification',
  business: 'Business',
  faceMatch: 'Face match',
  liveness: 'Liveness',
  idInfo: 'ID document',
  clientReference: 'Client reference data',
  fraud: 'Fraud insights',
  aml: 'AML screening',
  media: 'Images',
  journey: 'connectFi journey',
  anomalies: 'Payload anomalies',
};

/** "birthDate" reads as "birth date". */
const words = (field: string) => field.replaceAll(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * What changed in the verification, in the page's words: "idInfo.birthDate" reads as "ID document: birth
 * date", a whole section as its title.
 */
export function evidenceChangeLabel(path: string): string {
  const [section = path, field] = path.split('.', 2);
  const title = sectionLabels[section] ?? words(section);
  return field ? `${title}: ${words(field)}` : title;
}
