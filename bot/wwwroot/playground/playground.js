// The playground page: one Web Chat per person for their chat with OppBot, one for the team channel, over OppBot's own
// Direct Line endpoint (polling). Switching person hides one set and shows (or first creates) the other, so every
// conversation keeps polling and nothing is missed. See docs/playground.md.
(() => {
  'use strict';

  const $ = id => document.getElementById(id);
  const views = new Map();
  const people = new Map();
  let wanted = null;
  const roles = { Rep: '销售 · rep', Manager: '经理 · manager', Admin: 'admin' };

  async function call(method, url, body) {
    const response = await fetch(url, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined
    });
    if (!response.ok) {
      throw new Error(`${method} ${url}: ${response.status}`);
    }
    return response.json();
  }

  function webChat(element, conversation, person) {
    const directLine = window.WebChat.createDirectLine({
      domain: `${location.origin}/v3/directline`,
      token: conversation.token,
      conversationId: conversation.conversationId,
      webSocket: false,
      pollingInterval: 1000
    });
    window.WebChat.renderWebChat(
      {
        directLine,
        username: person.name,
        locale: person.locale,
        styleOptions: {
          hideUploadButton: true,
          botAvatarInitials: 'Opp',
          userAvatarInitials: person.name.slice(0, 1),
          bubbleMaxWidth: 640
        }
      },
      element
    );
  }

  // Creates a person's two Web Chats the first time; shows the person asked for last (clicks may overtake each other).
  async function become(person) {
    wanted = person.id;
    if (!views.has(person.id)) {
      const view = { chat: document.createElement('div'), channel: document.createElement('div') };
      views.set(person.id, view);
      view.chat.id = `chat-${person.id}`;
      view.channel.id = `channel-${person.id}`;
      for (const element of [view.chat, view.channel]) {
        element.className = 'webchat';
        element.dataset.person = person.id;
        element.hidden = true;
      }
      $('chats').append(view.chat);
      $('channels').append(view.channel);
      const session = await call('POST', '/playground/session', { user: person.id });
      webChat(view.chat, session.chat, person);
      webChat(view.channel, session.channel, person);
    }

    for (const [id, view] of views) {
      view.chat.hidden = view.channel.hidden = id !== wanted;
    }
    for (const button of document.querySelectorAll('#people button')) {
      button.setAttribute('aria-pressed', String(button.dataset.person === wanted));
    }
    $('chat-title').textContent = `${people.get(wanted).name} ↔ OppBot`;
    localStorage.setItem('oppbot-playground-person', wanted);
  }

  async function runJobs() {
    const button = $('run-jobs');
    button.disabled = true;
    $('jobs-result').textContent = '…';
    try {
      const { sweep, review } = await call('POST', '/playground/jobs/run');
      $('jobs-result').textContent =
        `Reminders 提醒: ${sweep.nudgesQueued} · escalations 上报: ${sweep.escalations} · weekly review 周报: ${review.teams} team(s)`;
    } catch (error) {
      $('jobs-result').textContent = error.message;
    } finally {
      button.disabled = false;
    }
  }

  async function start() {
    if (!window.WebChat) {
      $('panes').hidden = true;
      $('missing').hidden = false;
      return;
    }

    const directory = await call('GET', '/playground/people');
    document.title = `OppBot playground · ${directory.team.name}`;
    for (const person of directory.people) {
      people.set(person.id, person);
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.person = person.id;
      button.innerHTML = `<strong></strong><span></span>`;
      button.querySelector('strong').textContent = person.name;
      button.querySelector('span').textContent = `${roles[person.role] || person.role} · ${person.locale}`;
      button.addEventListener('click', () => become(person));
      $('people').append(button);
    }
    $('run-jobs').addEventListener('click', runJobs);

    const remembered = people.get(localStorage.getItem('oppbot-playground-person'));
    await become(remembered || directory.people[0]);
  }

  start().catch(error => {
    document.body.insertAdjacentHTML('beforeend', '<p class="error"></p>');
    document.querySelector('.error').textContent = `The playground could not start: ${error.message}`;
  });
})();
