// A simulated WeCom server for end-to-end tests: it encrypts and signs callbacks with the official
// @wecom/crypto 1.0.1, exactly as WeCom does (shared/reference/wecom.md §1.2–1.3), sends them to OppBot's
// /api/wecom/callback and prints what OppBot answered.
//
// stdin (JSON):
// {
//   "baseUrl": "http://127.0.0.1:5000",          OppBot
//   "path": "/api/wecom/callback",               optional
//   "token": "...", "encodingAESKey": "...", "corpId": "ww...", "agentId": 1000002,
//   "requests": [
//     { "kind": "verify" },                                              GET URL verification with a random echostr
//     { "kind": "text", "from": "zhangsan", "content": "新建商机", "msgId": "730..." },
//     { "kind": "event", "from": "zhangsan", "event": "enter_agent", "eventKey": "" },
//     { "kind": "click", "from": "lisi", "eventKey": "approve|approval=7", "taskId": "t1", "responseCode": "RC",
//       "cardType": "button_interaction", "selectedItems": [{ "questionKey": "stage", "optionIds": ["won"] }] },
//     { "kind": "raw", "plaintext": "<xml>...</xml>" }                    any decrypted payload
//   ]
// }
// Each request may also set "timestamp" (Unix seconds; default now), "nonce", "createTime",
// "repeat" (send the identical callback n times, as WeCom's retries do) and
// "tamper": "signature" (wrong msg_signature) | "receiveId" (encrypted for another corp).
//
// stdout: a JSON array with one entry per callback sent:
//   { "kind", "attempt", "status", "contentType", "body", "verified"? (GET: body equals the echostr), "msgId"? }
// Exit code 0 when every request was sent (whatever OppBot answered), 1 on a network error, 2 on bad input.
import { randomBytes, randomInt } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';

const cdata = (value) => `<![CDATA[${String(value ?? '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

function plaintextFor(config, request) {
  const createTime = request.createTime ?? Math.floor(Date.now() / 1000);
  const head = `<ToUserName>${cdata(config.corpId)}</ToUserName><FromUserName>${cdata(request.from)}</FromUserName>`
    + `<CreateTime>${createTime}</CreateTime>`;
  const agent = `<AgentID>${config.agentId}</AgentID>`;
  switch (request.kind) {
    case 'text':
      return `<xml>${head}<MsgType>${cdata('text')}</MsgType><Content>${cdata(request.content)}</Content>`
        + `<MsgId>${request.msgId}</MsgId>${agent}</xml>`;
    case 'event':
      return `<xml>${head}<MsgType>${cdata('event')}</MsgType><Event>${cdata(request.event)}</Event>`
        + `<EventKey>${cdata(request.eventKey ?? '')}</EventKey>${agent}</xml>`;
    case 'click': {
      const items = (request.selectedItems ?? []).map((item) => `<SelectedItem><QuestionKey>${cdata(item.questionKey)}</QuestionKey>`
        + `<OptionIds>${item.optionIds.map((id) => `<OptionId>${cdata(id)}</OptionId>`).join('')}</OptionIds></SelectedItem>`).join('');
      return `<xml>${head}<MsgType>${cdata('event')}</MsgType><Event>${cdata('template_card_event')}</Event>`
        + `<EventKey>${cdata(request.eventKey)}</EventKey><TaskId>${cdata(request.taskId ?? 'task')}</TaskId>`
        + `<CardType>${cdata(request.cardType ?? 'button_interaction')}</CardType>`
        + `<ResponseCode>${cdata(request.responseCode ?? randomBytes(12).toString('hex'))}</ResponseCode>${agent}`
        + (items ? `<SelectedItems>${items}</SelectedItems>` : '') + '</xml>';
    }
    case 'raw':
      return request.plaintext;
    default:
      throw new Error(`unknown kind ${JSON.stringify(request.kind)}`);
  }
}

function sign(config, request, ciphertext) {
  const timestamp = String(request.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = String(request.nonce ?? randomInt(1e9, 1e10));
  const signature = request.tamper === 'signature'
    ? '0'.repeat(40)
    : getSignature(config.token, timestamp, nonce, ciphertext);
  return new URLSearchParams({ msg_signature: signature, timestamp, nonce });
}

async function send(config, request) {
  const url = new URL(config.path ?? '/api/wecom/callback', config.baseUrl);
  const receiveId = request.tamper === 'receiveId' ? 'wwffffffffffffffff' : config.corpId;

  if (request.kind === 'verify') {
    const echo = String(randomInt(1e9, 1e10)) + String(randomInt(1e9, 1e10));
    const echostr = encrypt(config.encodingAESKey, echo, receiveId);
    const query = sign(config, request, echostr);
    query.set('echostr', echostr); // URLSearchParams percent-encodes + / = exactly once, as WeCom does
    url.search = query.toString();
    const response = await fetch(url, { method: 'GET' });
    const body = await response.text();
    return [{ kind: 'verify', attempt: 1, status: response.status, contentType: response.headers.get('content-type'), body, verified: body === echo }];
  }

  const ciphertext = encrypt(config.encodingAESKey, plaintextFor(config, request), receiveId);
  url.search = sign(config, request, ciphertext).toString();
  const envelope = `<xml><ToUserName>${cdata(config.corpId)}</ToUserName><Encrypt>${cdata(ciphertext)}</Encrypt>`
    + `<AgentID>${cdata(config.agentId)}</AgentID></xml>`;

  const results = [];
  for (let attempt = 1; attempt <= (request.repeat ?? 1); attempt++) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: envelope });
    results.push({
      kind: request.kind,
      attempt,
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: await response.text(),
      msgId: request.msgId,
    });
  }

  return results;
}

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) {
  input += chunk;
}

let config;
try {
  config = JSON.parse(input);
  for (const key of ['baseUrl', 'token', 'encodingAESKey', 'corpId', 'agentId', 'requests']) {
    if (config[key] === undefined) throw new Error(`missing "${key}"`);
  }
} catch (e) {
  process.stderr.write(`bad input: ${e.message}\n`);
  process.exit(2);
}

try {
  const output = [];
  for (const request of config.requests) {
    output.push(...await send(config, request));
  }

  process.stdout.write(JSON.stringify(output));
} catch (e) {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
}
