// The host side of the custom-element mode: logs the element's events and switches its
// language through its `lang` attribute.
const advisor = document.getElementById('advisor');
for (const type of ['ready', 'scored', 'bundle-signed']) {
  advisor.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.dataset.event = type;
    item.textContent = `${type} ${JSON.stringify(event.detail)}`;
    document.getElementById('events').append(item);
  });
}
document.getElementById('lang-en').addEventListener('click', () => advisor.setAttribute('lang', 'en'));
document.getElementById('lang-zh').addEventListener('click', () => advisor.setAttribute('lang', 'zh-CN'));
