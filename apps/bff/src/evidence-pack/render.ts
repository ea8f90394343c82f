import type { CaseView, CheckWarning, EnumValue } from '@review-desk/contracts';
import { isProvided } from '@review-desk/contracts';
import PDFDocument from 'pdfkit';
import { warnings as warningsOf } from '../cases/evidence';
import type { EvidencePackContent } from '../cases/evidence-pack';
import { contentWidth, Flow, page, styles } from './flow';
import { fontBook } from './fonts';
import type { PackImage } from './images';
import { Typesetter } from './text';

/**
 * The evidence pack of a case as a PDF: who decided what and why, on which evidence (by hash), what the
 * reviewers looked at, and the audit rows that record it, with how to check those hashes.
 */

export const time = (iso: string | null | undefined): string =>
  iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : '—';
const text = (value: string | number | null | undefined): string =>
  value === null || value === undefined || value === '' ? '—' : String(value);
const enumText = (value: EnumValue | null): string => (value ? value.value : '—');
const score = (value: number | null): string => (value === null ? '—' : value.toFixed(2));

const thumbnail = { width: 160, height: 110 };

export async function renderEvidencePack(content: EvidencePackContent, images: PackImage[]): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: page.margin,
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: `Evidence pack, case ${content.case.id}`,
      Subject: `${content.case.provider} subject ${content.case.subjectId}`,
      Creator: 'Review Desk',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const flow = new Flow(doc, new Typesetter(doc, fontBook()));
  const view = content.view;
  const notFinal = content.final ? null : `NOT FINAL: case ${content.case.state.replace(/_/g, ' ')}`;

  flow.paragraph('Evidence pack', styles.title);
  flow.gap(4);
  if (notFinal) {
    flow.banner(
      `Not final. This case is not resolved (state: ${content.case.state}); its decisions and evidence may still change.`,
      '#b00020',
    );
  }
  identification(flow, content);
  snapshot(flow, content);
  decisions(flow, content, view);
  checks(flow, view);
  warningsSection(flow, content, view);
  amlHits(flow, content, view);
  representatives(flow, content);
  imagesSection(flow, images);
  timeline(flow, content);
  verification(flow, content);

  flow.decorate(
    `Review Desk · evidence pack · case ${content.case.id}`,
    (index, count) =>
      `Exported ${time(content.exportedAt)} by ${content.exportedBy.username} (${content.exportedBy.role}), identifiers ${content.subject.masked ? 'masked' : 'unmasked'} · page ${index} of ${count}`,
    notFinal,
  );
  doc.end();
  return finished;
}

function identification(flow: Flow, content: EvidencePackContent) {
  const summary = content.case;
  const idInfo = content.view && isProvided(content.view.idInfo) ? content.view.idInfo : null;
  flow.heading('Case and subject');
  flow.fields([
    ['Case id', summary.id, styles.mono],
    ['Provider', summary.provider === 'capa' ? 'Capa' : 'connectFi'],
    ['Subject id', summary.subjectId, styles.mono],
    ['Subject type', summary.subjectType],
    ['Name', text(idInfo?.fullName ?? summary.displayName)],
    ['External user id', text(summary.ids.externalUserId)],
    ['Verification id', text(summary.ids.verificationId)],
    ['Birth date', text(idInfo?.birthDate ?? content.subject.birthDate)],
    ['Nationality', text(idInfo?.nationality)],
    ['ID document', idInfo ? `${enumText(idInfo.idType)} from ${text(idInfo.issueCountry)}` : '—'],
    ['ID number', text(content.subject.idNumber)],
    ['Tax id', text(content.subject.taxId)],
    ['State', `${summary.state}${summary.resolution ? ` (${summary.resolution})` : ''}`],
    ['Provider status', summary.upstreamStatus],
    ['Opened', time(summary.createdAt)],
  ]);
}

function snapshot(flow: Flow, content: EvidencePackContent) {
  flow.heading('Evidence snapshot');
  if (!content.viewHash) {
    flow.paragraph('No verification was ever shown for this case, so no evidence snapshot was stored.');
    return;
  }
  flow.fields([
    ['viewHash', content.viewHash, styles.mono],
    [
      'Which snapshot',
      content.viewSource === 'decision'
        ? 'the one the last decision was made on'
        : 'the latest shown to a reviewer (no decision names one)',
    ],
    ['Last shown', time(content.viewCapturedAt)],
    [
      'Verification result',
      content.view && isProvided(content.view.verification)
        ? enumText(content.view.verification.result ?? content.view.verification.status)
        : '—',
    ],
  ]);
}

function decisions(flow: Flow, content: EvidencePackContent, view: CaseView | null) {
  flow.heading('Decisions');
  if (content.decisions.length === 0) {
    flow.paragraph('No decision has been recorded.');
    return;
  }
  const warnings = new Map(warningsOf(view).map((warning) => [warning.ref, warning]));
  content.decisions.forEach((decision, index) => {
    flow.gap(index === 0 ? 0 : 4);
    const acknowledged = decision.acknowledgedWarnings.map((ref) => {
      const warning = warnings.get(ref);
      return warning ? `${ref} (${text(warning.code)}: ${text(warning.message)})` : ref;
    });
    flow.fields([
      [`Decision ${index + 1}`, `${decision.outcome} · ${decision.stage.replace(/_/g, ' ')}`, styles.heading],
      ['Reviewer', decision.decidedBy.displayName],
      ['Time', time(decision.decidedAt)],
      ['Reason code', `${decision.reasonCode} (${decision.reasonLabel})`],
      ['Comment', text(decision.comment)],
      ['Four-eyes reasons', decision.fourEyesReasons.length ? decision.fourEyesReasons.join('; ') : '—'],
      ['Warnings acknowledged', acknowledged.length ? acknowledged.join('; ') : 'none'],
      [
        'AML dispositions then',
        decision.dispositions.length
          ? decision.dispositions.map((item) => `${item.hitRef}: ${item.disposition}`).join('; ')
          : 'none',
      ],
      ['Evidence (viewHash)', text(decision.viewHash), styles.mono],
    ]);
  });
}

const warningLine = (warning: CheckWarning) =>
  `${text(warning.code)}: ${text(warning.message)}${warning.resolutionStatus ? ` (${warning.resolutionStatus.value})` : ''}`;

function checks(flow: Flow, view: CaseView | null) {
  flow.heading('Face match and liveness');
  if (!view) {
    flow.paragraph('No evidence snapshot.');
    return;
  }
  const face = isProvided(view.faceMatch) ? view.faceMatch : null;
  const liveness = isProvided(view.liveness) ? view.liveness : null;
  flow.fields([
    [
      'Face match',
      face
        ? `${enumText(face.result)} / ${enumText(face.status)}, score ${score(face.score)}${face.warnings.length ? `; warnings: ${face.warnings.map(warningLine).join('; ')}` : ''}`
        : 'not provided',
    ],
    [
      'Liveness',
      liveness
        ? `${enumText(liveness.result)} / ${enumText(liveness.status)}${liveness.warnings.length ? `; warnings: ${liveness.warnings.map(warningLine).join('; ')}` : ''}`
        : 'not provided',
    ],
  ]);
}

function warningsSection(flow: Flow, content: EvidencePackContent, view: CaseView | null) {
  const found = warningsOf(view);
  flow.heading('Warnings');
  if (found.length === 0) {
    flow.paragraph('The checks raised no warning.');
    return;
  }
  flow.table(
    [
      { title: 'Warning', width: 2 },
      { title: 'Code and message', width: 4 },
      { title: 'Acknowledged by', width: 3 },
    ],
    found.map((warning) => {
      const by = content.decisions.filter((decision) => decision.acknowledgedWarnings.includes(warning.ref));
      return [
        warning.ref,
        `${text(warning.code)}: ${text(warning.message)}`,
        by.length
          ? by.map((decision) => `${decision.decidedBy.displayName}, ${time(decision.decidedAt)}`).join('; ')
          : 'not acknowledged',
      ];
    }),
  );
}

function amlHits(flow: Flow, content: EvidencePackContent, view: CaseView | null) {
  flow.heading('AML hits and dispositions');
  const hits = view && isProvided(view.aml) ? view.aml.entityHits : [];
  const dispositions = new Map(content.dispositions.map((item) => [item.hitRef, item]));
  if (hits.length === 0 && dispositions.size === 0) {
    flow.paragraph('The screening reported no entity hit.');
    return;
  }
  const rows = hits.map((hit, index) => {
    const ref = hit.id ?? `#${index}`;
    const disposition = dispositions.get(ref);
    dispositions.delete(ref);
    return [ref, text(hit.name), text(hit.dateOfBirth), score(hit.nameMatchScore), disposition];
  });
  // Dispositions of hits the snapshot no longer lists are still part of the record.
  for (const [ref, disposition] of dispositions) {
    rows.push([ref, text(disposition.hitName), text(disposition.hitDateOfBirth), '—', disposition]);
  }
  flow.table(
    [
      { title: 'Hit', width: 1.4 },
      { title: 'Name', width: 2.6 },
      { title: 'Birth date', width: 1.3 },
      { title: 'Score', width: 0.7 },
      { title: 'Disposition', width: 1.6 },
      { title: 'By, when', width: 2.4 },
      { title: 'Comment', width: 2.6 },
    ],
    rows.map(([ref, name, birthDate, nameScore, disposition]) => {
      if (typeof disposition !== 'object' || disposition === undefined) {
        return [String(ref), String(name), String(birthDate), String(nameScore), 'none', '—', '—'];
      }
      const remembered = disposition.remembered
        ? ` (remembered from case ${disposition.remembered.caseId}${disposition.confirmed ? ', confirmed' : ', not confirmed'})`
        : '';
      return [
        String(ref),
        String(name),
        String(birthDate),
        String(nameScore),
        `${disposition.disposition}${remembered}`,
        `${disposition.decidedBy.displayName}, ${time(disposition.decidedAt)}`,
        text(disposition.comment),
      ];
    }),
  );
}

function representatives(flow: Flow, content: EvidencePackContent) {
  if (content.entityApplications.length === 0) return;
  flow.heading('Representatives and owners reviewed');
  flow.table(
    [
      { title: 'Entity', width: 3, mono: true },
      { title: 'Role', width: 2.2 },
      { title: 'Status / outcome', width: 2 },
      { title: 'Opened by', width: 3 },
    ],
    content.entityApplications.map((application) => {
      const opened = content.evidenceViewed.filter(
        (item) => item.kind === 'entity_application' && item.ref === application.entityId,
      );
      return [
        application.entityId,
        application.role.replace(/_/g, ' '),
        `${text(application.status)} / ${text(application.outcome)}`,
        opened.length
          ? opened.map((item) => `${item.viewedBy.displayName}, ${time(item.viewedAt)}`).join('; ')
          : 'not opened',
      ];
    }),
  );
}

function imagesSection(flow: Flow, images: PackImage[]) {
  flow.heading('ID images and selfie');
  flow.ensure(thumbnail.height + 30);
  const top = flow.y;
  const gap = (contentWidth - images.length * thumbnail.width) / Math.max(1, images.length - 1);
  let tallest = 0;
  images.forEach((image, index) => {
    const x = page.margin + index * (thumbnail.width + gap);
    flow.type.line(image.label, x, top + styles.cellHeader.size, styles.cellHeader);
    const y = top + 12;
    let drawn = false;
    let note = image.note;
    if (image.bytes) {
      try {
        flow.doc.image(image.bytes, x, y, {
          fit: [thumbnail.width, thumbnail.height],
          align: 'center',
          valign: 'center',
        });
        drawn = true;
      } catch {
        // A file whose type said PNG or JPEG but whose bytes are not one is named, not embedded.
        note = 'Not embedded: the file Capa sent is not a readable image.';
      }
    }
    if (drawn) {
      flow.doc.rect(x, y, thumbnail.width, thumbnail.height).lineWidth(0.4).strokeColor('#bbbbbb').stroke();
    }
    const lines = flow.type.wrap(note, styles.small, thumbnail.width);
    const noteTop = drawn ? y + thumbnail.height + 2 : y;
    lines.forEach((line, at) => {
      flow.type.line(line, x, noteTop + styles.small.size + at * styles.small.size * 1.3, styles.small);
    });
    tallest = Math.max(tallest, noteTop - top + lines.length * styles.small.size * 1.3);
  });
  flow.y = top + tallest + 6;
}

function timeline(flow: Flow, content: EvidencePackContent) {
  flow.heading('Timeline (audit rows of this case, oldest first)');
  if (content.timelineOmitted > 0) {
    flow.paragraph(
      `The ${content.timelineOmitted} oldest rows are left out here; GET /api/audit?caseId=${content.case.id} lists them all.`,
    );
  }
  flow.table(
    [
      { title: '#', width: 0.55 },
      { title: 'Time', width: 1.45 },
      { title: 'Who', width: 1.1 },
      { title: 'What', width: 2 },
      { title: 'Row hash (sha256)', width: 4.1, mono: true },
    ],
    content.timeline.map((entry) => [
      String(entry.id),
      time(entry.at),
      entry.actor.username,
      describe(entry.action, entry.details),
      entry.hash,
    ]),
  );
}

/** The action, with the detail that matters most for it. */
function describe(action: string, details: unknown): string {
  const record = (details ?? {}) as Record<string, unknown>;
  const parts = ['outcome', 'reasonCode', 'disposition', 'hitRef', 'to', 'field', 'kind'].flatMap((key) =>
    typeof record[key] === 'string' ? [`${key === 'to' ? '→ ' : ''}${record[key]}`] : [],
  );
  return parts.length ? `${action} (${parts.join(', ')})` : action;
}

function verification(flow: Flow, content: EvidencePackContent) {
  flow.heading('How to verify this pack');
  flow.paragraph(
    'viewHash is the sha256 of the evidence snapshot (the normalised verification the reviewer saw), as canonical JSON with object keys sorted and without its asOf time. The desk stores each snapshot under its hash, and a decision to approve or reject names the hash it was made on.',
  );
  flow.gap(3);
  flow.paragraph(
    `Each audit row's hash is the sha256 of the canonical JSON of its content and of the previous row's hash, so the rows form a chain. To verify: an administrator calls GET /api/audit/verify, which re-computes the whole chain and names the first row that was altered, removed or reordered; then GET /api/audit?caseId=${content.case.id} must list the rows above with the same hashes.`,
  );
  if (content.viewHash) {
    flow.gap(3);
    flow.paragraph(
      `The export itself is the row "case.evidence_pack_exported" above; its details name viewHash ${content.viewHash}.`,
    );
  }
}
