import type { CaseInput } from '../cases/intake';
import type { SubjectDirectory } from './directory';

/**
 * The case input with what the provider left out taken from the organisation's directory: connectFi's status
 * carries no names, and Capa's view does not carry the organisation's externalUserId.
 */
export async function enrichedFromDirectory(
  directory: Pick<SubjectDirectory, 'bySubjectId'>,
  input: CaseInput,
): Promise<CaseInput> {
  const complete = input.displayName && input.birthDate && input.idNumber;
  if (complete && (input.externalUserId || input.provider !== 'capa')) return input;
  const entry = await directory.bySubjectId(input.provider, input.subjectId);
  if (!entry) return input;
  return {
    ...input,
    displayName: input.displayName ?? entry.display_name,
    birthDate: input.birthDate ?? entry.birth_date,
    idNumber: input.idNumber ?? entry.id_number,
    externalUserId: input.externalUserId ?? entry.external_user_id,
  };
}
