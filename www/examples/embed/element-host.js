// The host side of the custom-element mode: logs the element's events and switches its
// language through its `lang` attribute.
const advisor = document.getElementById('advisor');
const log = (type, detail) => {
  const item = document.createElement('li');
  item.dataset.event = type;
  item.textContent = `${type} ${JSON.stringify(detail)}`;
  document.getElementById('events').append(item);
};
for (const type of ['ready', 'scored', 'bundle-signed']) {
  advisor.addEventListener(type, (event) => log(type, event.detail));
}
// This script may run after the advisor announced `ready` (module scripts run when fetched):
// the attribute says so.
if (advisor.hasAttribute('ready')) log('ready', {});
document.getElementById('lang-en').addEventListener('click', () => advisor.setAttribute('lang', 'en'));
document.getElementById('lang-zh').addEventListener('click', () => advisor.setAttribute('lang', 'zh-CN'));
