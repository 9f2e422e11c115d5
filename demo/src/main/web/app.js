// The demo document system's page: lists documents and signs, issues, copies and verifies them through Kyso Agent
// with @kyso/agent-client. The PIN and the approval never pass through this page: the agent asks the person itself.
import { connect } from '/lib/kyso/index.js';

const $ = (id) => document.getElementById(id);
const STATUS = { DRAFT: 'Dự thảo', APPROVED: 'Đã ký duyệt', ISSUED: 'Đã phát hành', COPY: 'Bản sao điện tử' };
const INDICATION = { TOTAL_PASSED: 'Hợp lệ', TOTAL_FAILED: 'Không hợp lệ', INDETERMINATE: 'Chưa xác định được' };
const TIME_SOURCE = { TIMESTAMP: 'theo dấu thời gian', CLAIMED: 'do người ký khai báo', VERIFICATION_TIME: 'thời điểm kiểm tra' };
const REVOCATION = { GOOD: 'Còn hiệu lực (chưa bị thu hồi)', REVOKED: 'Đã bị thu hồi', UNKNOWN: 'Không xác định', NOT_CHECKED: 'Chưa kiểm tra' };
const REVOCATION_SOURCE = { EMBEDDED_OCSP: 'OCSP lưu trong văn bản', EMBEDDED_CRL: 'CRL lưu trong văn bản', ONLINE_OCSP: 'OCSP trực tuyến', ONLINE_CRL: 'CRL trực tuyến', NONE: 'không có' };
const CERT_TYPE = { PERSONAL: 'Cá nhân', ORGANISATION: 'Cơ quan, tổ chức' };
const SUB_INDICATION = {
  FORMAT_FAILURE: 'Chữ ký không đúng định dạng', HASH_FAILURE: 'Nội dung đã ký bị thay đổi',
  SIG_CRYPTO_FAILURE: 'Giá trị chữ ký không đúng', REVOKED: 'Chứng thư số đã bị thu hồi', EXPIRED: 'Chứng thư số đã hết hạn',
  NOT_YET_VALID: 'Chứng thư số chưa có hiệu lực', MODIFIED_AFTER_SIGNING: 'Văn bản đã bị sửa đổi sau khi ký',
  NO_CERTIFICATE_CHAIN_FOUND: 'Chứng thư số không dẫn tới tổ chức chứng thực gốc tin cậy',
  TRY_LATER: 'Chưa kiểm tra được tình trạng thu hồi, hãy thử lại khi có mạng', TIMESTAMP_INVALID: 'Dấu thời gian không hợp lệ'
};
const VERIFY_ERROR = { NO_SIGNATURE: 'Tệp PDF không có chữ ký số nào.', DOCUMENT_UNREADABLE: 'Không đọc được tệp PDF.', DOCUMENT_ENCRYPTED: 'Tệp PDF được mã hóa.' };

let config;
let agent = null;
let documents = [];
let certificates = [];
let busy = false;

/** What tests and curious developers can look at: events seen and upload figures (never any secret). */
const demo = window.kysoDemo = { events: [], progress: [], lastReport: null };

async function main () {
  config = await (await fetch('/api/config')).json();
  $('agency').textContent = config.agency;
  $('issue-date').value = new Date().toISOString().slice(0, 10);
  $('incoming-file').addEventListener('change', verifyIncoming);
  for (const id of ['personal-certificate', 'organisation-certificate']) {
    $(id).addEventListener('change', (event) => { event.target.dataset.picked = 'true'; });
  }
  await loadDocuments();
  await connectAgent();
}

async function connectAgent () {
  if (!$('agent-status').dataset.code) setStatus('pending', 'Đang kết nối Kyso Agent…');
  try {
    agent = await connect({ url: config.agentUrl });
  } catch (error) {
    agent = null;
    setStatus('error', `${error.messageVi} [${error.code}]`, error.code);
    renderDocuments();
    // The agent may be started (or the permission granted) later: try again quietly.
    setTimeout(connectAgent, 5000);
    return;
  }
  const info = await agent.info();
  demo.methods = info.methods;
  // "Connected" only once the certificate pickers are filled: a click before that would find them empty.
  await loadCertificates();
  setStatus('ok', `Kyso Agent ${info.version} — đã kết nối`);
  agent.on('token.inserted', (data) => { logEvent('token.inserted', `Đã cắm token “${data.label}”`); loadCertificates(); });
  agent.on('token.removed', (data) => { logEvent('token.removed', `Đã rút token “${data.label}”`); loadCertificates(); });
  agent.on('connection.lost', () => { logEvent('connection.lost', 'Mất kết nối với Kyso Agent'); setStatus('error', 'Mất kết nối với Kyso Agent, đang thử kết nối lại…', 'AGENT_CONNECTION_LOST'); });
  agent.on('connection.restored', () => { logEvent('connection.restored', 'Đã kết nối lại Kyso Agent'); setStatus('ok', 'Kyso Agent — đã kết nối lại'); loadCertificates(); });
}

function setStatus (state, text, code = '') {
  const box = $('agent-status');
  box.className = `status ${state}`;
  box.dataset.state = state;
  box.dataset.code = code;
  box.textContent = text;
}

function logEvent (name, text) {
  demo.events.push({ name, text, at: Date.now() });
  const item = document.createElement('li');
  item.dataset.event = name;
  item.textContent = `${new Date().toLocaleTimeString('vi-VN')} — ${text}`;
  $('events').prepend(item);
}

async function loadCertificates () {
  try {
    certificates = await agent.certificates();
  } catch {
    certificates = [];
  }
  // The signed-in official and the agency first (a real document system knows who is signed in).
  fillSelect($('personal-certificate'), (c) => commonName(c.subject) === config.user, (c) => !isOrganisation(c));
  fillSelect($('organisation-certificate'), (c) => commonName(c.subject) === config.organisation, isOrganisation);
  renderDocuments();
}

function isOrganisation (certificate) {
  return /(^|,)\s*UID=MNS:/i.test(certificate.subject) || !/CCCD:|CMND:|HC:/.test(certificate.subject);
}

/** Marked before the person picks: a certificate outside its validity period, or revoked, cannot sign. */
const STATUS_MARK = { expired: ' [hết hạn]', notYetValid: ' [chưa có hiệu lực]', revoked: ' [đã bị thu hồi]' };
/** Offline, or before the agent has reached OCSP/CRL, the certificate's status is not known: said, never hidden. */
const UNKNOWN_MARK = ' [chưa rõ tình trạng thu hồi]';

function mark (certificate) {
  if (STATUS_MARK[certificate.status]) return STATUS_MARK[certificate.status];
  return certificate.revocation?.status === 'unknown' ? UNKNOWN_MARK : '';
}

function fillSelect (select, best, suitable) {
  const previous = select.value;
  select.replaceChildren();
  const rank = (c) => (best(c) ? 0 : suitable(c) ? 1 : 2);
  const ordered = [...certificates].sort((a, b) => rank(a) - rank(b));
  for (const certificate of ordered) {
    const option = document.createElement('option');
    option.value = certificate.id;
    option.textContent = `${commonName(certificate.subject)} — ${certificate.token.label}${mark(certificate)}`;
    option.disabled = certificate.signable === false || (certificate.status !== undefined && certificate.status !== 'valid');
    select.append(option);
  }
  // A certificate the person picked stays picked while present; otherwise the best one, so a token that comes back
  // takes its place again.
  if (select.dataset.picked === 'true' && ordered.some((c) => c.id === previous)) select.value = previous;
}

function commonName (subject) {
  return /CN=([^,]+)/.exec(subject)?.[1] ?? subject;
}

async function loadDocuments () {
  documents = await (await fetch('/api/documents')).json();
  renderDocuments();
}

function renderDocuments () {
  const list = $('document-list');
  list.replaceChildren();
  const ready = agent !== null && agent.connected && !busy;
  for (const doc of documents) {
    const row = document.createElement('tr');
    row.dataset.id = doc.id;
    row.dataset.status = doc.status;
    row.innerHTML = `<td>${escape(doc.number ?? '—')}</td><td><b>${escape(doc.kind)}</b><br>${escape(doc.subject)}</td>` +
      `<td><span class="badge ${doc.status}">${STATUS[doc.status]}</span></td><td class="actions"></td>`;
    const actions = row.querySelector('.actions');
    actions.append(
      button('Xem', 'view', () => show(doc), true),
      button('Ký số', 'approve', () => approve(doc), ready && doc.status === 'DRAFT', true),
      button('Phát hành', 'issue', () => issue(doc), ready && doc.status === 'APPROVED', true),
      button('Sao y', 'copy', () => copy(doc), ready && doc.status === 'ISSUED'),
      button('Kiểm tra chữ ký', 'verify', () => verify(doc), ready && doc.status !== 'DRAFT'));
    list.append(row);
  }
}

function button (text, action, handler, enabled, primary = false) {
  const b = document.createElement('button');
  b.textContent = text;
  b.dataset.action = action;
  b.disabled = !enabled;
  if (primary) b.className = 'primary';
  b.addEventListener('click', handler);
  return b;
}

function escape (text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

async function fetchBytes (url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Runs one action: locks the buttons, reports the outcome in Vietnamese (and English for the agent's errors). */
async function run (label, action) {
  busy = true;
  renderDocuments();
  message('', `${label}… Hãy xác nhận và nhập mã PIN trên cửa sổ của Kyso Agent (không nhập PIN vào trang web).`);
  let outcome;
  try {
    outcome = ['ok', await action()];
  } catch (error) {
    outcome = error.code ? ['error', `${error.messageVi} [${error.code}]`, error.messageEn] : ['error', `Lỗi: ${error.message}`];
  }
  busy = false;
  // The list first, then the outcome: whoever waits for the message sees the documents as they now are.
  await loadDocuments();
  message(...outcome);
}

function message (kind, text, english) {
  const box = $('message');
  box.hidden = false;
  box.className = `message ${kind}`;
  box.dataset.kind = kind;
  box.textContent = text;
  if (english) {
    const en = document.createElement('span');
    en.className = 'en';
    en.textContent = english;
    box.append(en);
  }
}

function progress ({ phase, loaded, total }) {
  demo.progress.push({ phase, loaded, total, at: performance.now() });
  $('progress').hidden = false;
  const percent = total ? Math.round(100 * loaded / total) : 0;
  $('progress-bar').style.width = `${percent}%`;
  if (phase === 'sign') {
    $('progress-text').textContent = 'Đang chờ xác nhận và ký trên Kyso Agent…';
    return;
  }
  const what = { upload: 'Đang gửi', download: 'Đang nhận', done: 'Xong' }[phase] ?? phase;
  $('progress-text').textContent = `${what}: ${(loaded / 1048576).toFixed(1)} / ${(total / 1048576).toFixed(1)} MB (${percent}%)`;
}

async function signDocument (doc, options) {
  const pdf = await fetchBytes(`/api/documents/${doc.id}/pdf`);
  return agent.signPdf(new File([pdf], `${doc.id}.pdf`, { type: 'application/pdf' }), options, { onProgress: progress });
}

async function store (url, bytes) {
  const response = await fetch(url, { method: 'POST', body: bytes, headers: { 'Content-Type': 'application/pdf' } });
  if (!response.ok) throw new Error(`lưu văn bản thất bại (${response.status})`);
  return response.json();
}

function approve (doc) {
  return run('Đang ký duyệt', async () => {
    const signed = await signDocument(doc, {
      certificateId: $('personal-certificate').value,
      preset: 'approve',
      placement: { titleLine: doc.titleLine, nameLine: doc.nameLine },
      images: { image: await fetchBytes('/assets/signature.png') },
      metadata: { reason: 'Phê duyệt văn bản', location: 'Ninh Bình' }
    });
    await store(`/api/documents/${doc.id}/approved`, signed.bytes);
    await showBytes(`${doc.kind} — đã ký duyệt`, signed.bytes);
    return `Đã ký duyệt “${doc.subject}”.`;
  });
}

function issue (doc) {
  const dialog = $('issue-dialog');
  $('issue-subject').textContent = `${doc.kind} ${doc.subject}`;
  $('issue-number').value = `01/${doc.abbreviation}`;
  dialog.returnValue = '';
  dialog.onclose = () => {
    if (dialog.returnValue !== 'ok') return;
    const number = $('issue-number').value.trim();
    const date = $('issue-date').value;
    run('Đang phát hành', async () => {
      const signed = await signDocument(doc, {
        certificateId: $('organisation-certificate').value,
        preset: 'issue',
        placement: { documentNumber: number, numberLabel: config.numberLabel, dateLabel: config.dateLabel, issueDate: issueDate(date) },
        images: { image: await fetchBytes('/assets/seal.png') },
        metadata: { reason: `Phát hành văn bản số ${number}`, location: 'Ninh Bình' }
      });
      await store(`/api/documents/${doc.id}/issued?number=${encodeURIComponent(number)}&date=${date}`, signed.bytes);
      await showBytes(`${doc.kind} số ${number} — đã phát hành`, signed.bytes);
      return `Đã phát hành văn bản số ${number}.`;
    });
  };
  dialog.showModal();
}

/** "ngày 05 tháng 01 năm 2026": days below 10 and months 1, 2 take a leading zero (Nghị định 30/2020). */
function issueDate (iso) {
  const [year, month, day] = iso.split('-').map(Number);
  const monthText = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `ngày ${String(day).padStart(2, '0')} tháng ${monthText} năm ${year}`;
}

function copy (doc) {
  return run('Đang ký bản sao', async () => {
    const signed = await signDocument(doc, {
      certificateId: $('organisation-certificate').value,
      preset: 'copy',
      placement: { copyForm: 'SAO_Y', organisation: config.organisation },
      metadata: { reason: 'Sao y bản chính', location: 'Ninh Bình' }
    });
    const created = await store(`/api/documents/${doc.id}/copies`, signed.bytes);
    await showBytes(`Bản sao điện tử — ${created.subject}`, signed.bytes);
    return 'Đã tạo bản sao điện tử.';
  });
}

function verify (doc) {
  return run('Đang kiểm tra chữ ký', async () => {
    const pdf = await fetchBytes(`/api/documents/${doc.id}/pdf`);
    const report = await agent.verifyPdf(new File([pdf], `${doc.id}.pdf`), { onProgress: progress });
    renderReport(report);
    await showBytes(`${doc.kind} — ${doc.subject}`, pdf, true);
    return `Kiểm tra xong: ${INDICATION[report.indication] ?? report.indication}.`;
  });
}

async function verifyIncoming (event) {
  const file = event.target.files[0];
  if (!file) return;
  await run('Đang kiểm tra văn bản đến', async () => {
    const started = performance.now();
    const report = await agent.verifyPdf(file, { onProgress: progress });
    demo.lastUpload = { size: file.size, ms: performance.now() - started };
    renderReport(report);
    return `Kiểm tra xong “${file.name}”: ${INDICATION[report.indication] ?? report.indication}.`;
  });
  event.target.value = '';
}

function renderReport (report) {
  demo.lastReport = report;
  const box = $('report');
  box.hidden = false;
  box.dataset.indication = report.indication;
  box.dataset.signatures = String(report.signatures.length);
  const parts = [`<h3>Kết quả kiểm tra: <span class="verdict-${report.indication}">${INDICATION[report.indication] ?? report.indication}</span></h3>`];
  if (report.error) parts.push(`<p>${escape(VERIFY_ERROR[report.error] ?? report.error)}</p>`);
  report.signatures.forEach((s, i) => {
    const signer = s.signer ?? {};
    const rows = [
      ['Kết quả', `<span class="verdict-${s.indication}">${INDICATION[s.indication]}</span>${s.subIndication ? ' — ' + escape(SUB_INDICATION[s.subIndication] ?? s.subIndication) : ''}`],
      ['Người ký', escape(signer.name ?? '—')],
      ['Cơ quan', escape(signer.organisation ?? '—')],
      ['Loại chứng thư', CERT_TYPE[signer.certificateType] ?? '—'],
      ['Thời gian ký', s.signingTime ? `${vnTime(s.signingTime.time)} (${TIME_SOURCE[s.signingTime.source] ?? s.signingTime.source})` : '—'],
      ['Toàn vẹn', (s.changesAfter ?? []).some((c) => !c.allowed) ? 'Văn bản bị sửa đổi sau khi ký' : (s.coversWholeDocument ? 'Còn nguyên vẹn' : 'Còn nguyên vẹn (có bổ sung hợp lệ sau khi ký)')],
      ['Tình trạng chứng thư', s.revocation ? `${REVOCATION[s.revocation.status] ?? s.revocation.status} — ${REVOCATION_SOURCE[s.revocation.source] ?? s.revocation.source}` : '—'],
      ['Dấu thời gian', s.timestamp ? `${vnTime(s.timestamp.time)}, ${escape(s.timestamp.tsaName ?? '')}${s.timestamp.valid ? ' (hợp lệ)' : ' (không hợp lệ)'}` : 'Không có'],
      ['Định dạng', escape(s.level ?? '')]
    ];
    for (const gap of s.levelGaps ?? []) rows.push(['Vì sao chưa đạt mức cao hơn', escape(gap.messageVi)]);
    parts.push(`<div class="signature" data-indication="${s.indication}"><b>Chữ ký ${i + 1}${s.documentTimestamp ? ' (dấu thời gian văn bản)' : ''}</b>` +
      `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl></div>`);
  });
  box.innerHTML = parts.join('');
}

function vnTime (iso) {
  if (!iso) return '—';
  const local = new Date(Date.parse(iso) + 7 * 3600 * 1000).toISOString().slice(0, 19);
  return `${local}+07:00`;
}

async function show (doc) {
  $('report').hidden = true;
  await showBytes(`${doc.kind} — ${doc.subject}`, await fetchBytes(`/api/documents/${doc.id}/pdf`));
}

let pdfjs = null;

/** Renders every page with pdf.js (stamps included), or falls back to the browser's own viewer. */
async function showBytes (title, bytes, keepReport = false) {
  if (!keepReport) $('report').hidden = true;
  $('viewer-title').textContent = title;
  const pages = $('pages');
  pages.replaceChildren();
  pages.dataset.rendered = '0';
  if (!config.viewer) {
    const frame = document.createElement('iframe');
    frame.src = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
    pages.append(frame);
    return;
  }
  pdfjs ??= await import('/lib/pdfjs/pdf.min.mjs');
  pdfjs.GlobalWorkerOptions.workerSrc = '/lib/pdfjs/pdf.worker.min.mjs';
  const pdf = await pdfjs.getDocument({ data: bytes.slice() }).promise;
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const viewport = page.getViewport({ scale: 1.25 });
    const canvas = document.createElement('canvas');
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    pages.append(canvas);
    await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
  }
  pages.dataset.rendered = String(pdf.numPages);
}

main();
