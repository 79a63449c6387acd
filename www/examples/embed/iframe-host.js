// The host side of the iframe mode: frames the advisor with this page's origin as its parent,
// logs its events and sends it commands. Messages are accepted only from the advisor's frame
// and origin.
const app = new URL('../', import.meta.url);
const frame = document.createElement('iframe');
frame.id = 'advisor';
frame.title = 'prequal loan pre-qualification';
frame.src = `${app.href}?parent=${encodeURIComponent(location.origin)}`;
document.getElementById('frame-slot').append(frame);

window.addEventListener('message', (event) => {
  if (event.origin !== app.origin || event.source !== frame.contentWindow) return;
  if (event.data?.source !== 'prequal') return;
  const { type, source, ...detail } = event.data;
  const item = document.createElement('li');
  item.dataset.event = type;
  item.textContent = `${type} ${JSON.stringify(detail)}`;
  document.getElementById('events').append(item);
});

const send = (command) => frame.contentWindow.postMessage(command, app.origin);
document.getElementById('lang-en').addEventListener('click', () => send({ type: 'set-lang', lang: 'en' }));
document.getElementById('lang-zh').addEventListener('click', () => send({ type: 'set-lang', lang: 'zh-CN' }));
document.getElementById('apply-institutions').addEventListener('click', () => {
  const ids = document.getElementById('institutions').value.split(',').map((s) => s.trim()).filter(Boolean);
  send({ type: 'set-institutions', institutions: ids });
});
