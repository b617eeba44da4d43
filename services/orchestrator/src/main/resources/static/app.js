'use strict';

// The bookstore checkout page: the catalog from GET /books, the order posted to POST /checkout the way the course's
// shop page posts it (a JSON string, no Content-Type header, so the browser sends text/plain), and the order's
// causal history from GET /orders/{orderId}.

const CATALOG_PAGE_SIZE = 200;
const quantities = new Map();
let books = [];

const $ = id => document.getElementById(id);

function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
        if (name === 'dataset') {
            Object.assign(node.dataset, value);
        } else {
            node.setAttribute(name, value);
        }
    });
    children.flat().forEach(child => node.append(child instanceof Node ? child : String(child)));
    return node;
}

function price(cents) {
    return (cents / 100).toFixed(2);
}

/** Reads a response body as JSON; an error body ({"error":{"code","message"}}) becomes an Error with its message. */
async function readJson(response) {
    const text = await response.text();
    let body = null;
    try {
        body = text ? JSON.parse(text) : null;
    } catch (e) {
        body = null;
    }
    if (!response.ok) {
        const message = body && body.error && body.error.message
            ? body.error.message
            : `HTTP ${response.status}${text ? ': ' + text.slice(0, 200) : ''}`;
        throw new Error(message);
    }
    if (body === null) {
        throw new Error('the answer is not JSON: ' + text.slice(0, 200));
    }
    return body;
}

async function loadCatalog() {
    const status = $('catalog-status');
    try {
        const loaded = [];
        for (let page = 0; ; page++) {
            const body = await readJson(await fetch(`/books?page=${page}&size=${CATALOG_PAGE_SIZE}`));
            loaded.push(...body.books);
            if (body.books.length === 0 || loaded.length >= body.total) {
                break;
            }
        }
        books = loaded;
        status.textContent = `${books.length} books`;
        renderCatalog();
    } catch (e) {
        status.textContent = `The catalog could not be loaded: ${e.message}`;
        status.classList.add('error');
    }
}

function renderCatalog() {
    const filter = $('catalog-filter').value.trim().toLowerCase();
    const rows = books
        .filter(book => !filter || [book.title, book.author, book.category]
            .some(text => (text || '').toLowerCase().includes(filter)))
        .map(book => {
            const quantity = element('input', {
                type: 'number', min: '0', step: '1', class: 'quantity',
                value: String(quantities.get(book.id) || 0), 'aria-label': `Quantity of ${book.title}`,
            });
            quantity.addEventListener('input', () => {
                const value = Number.parseInt(quantity.value, 10);
                if (Number.isInteger(value) && value > 0) {
                    quantities.set(book.id, value);
                } else {
                    quantities.delete(book.id);
                }
                renderCart();
            });
            return element('tr', {dataset: {bookId: book.id, title: book.title}},
                element('td', {class: 'title'}, book.title),
                element('td', {}, book.author),
                element('td', {}, book.category),
                element('td', {class: 'number'}, price(book.price)),
                element('td', {class: 'number'}, book.stock),
                element('td', {class: 'number'}, quantity));
        });
    $('catalog').tBodies[0].replaceChildren(...rows);
}

function pickedBooks() {
    return books.filter(book => quantities.has(book.id))
        .map(book => ({book, quantity: quantities.get(book.id)}));
}

function renderCart() {
    const picked = pickedBooks();
    $('cart').replaceChildren(...picked.map(({book, quantity}) =>
        element('li', {dataset: {bookId: book.id}}, `${quantity} × ${book.title}`,
            element('span', {class: 'muted'}, ` ${price(book.price * quantity)}`))));
    const total = picked.reduce((sum, {book, quantity}) => sum + book.price * quantity, 0);
    $('cart-total').textContent = picked.length ? `Total ${price(total)}` : 'No books picked yet.';
}

function value(id) {
    return $(id).value.trim();
}

function browserName() {
    const brands = navigator.userAgentData && navigator.userAgentData.brands;
    const brand = brands && brands.find(b => !/not.a.brand/i.test(b.brand) && b.brand !== 'Chromium') ||
        brands && brands[0];
    return brand
        ? {name: brand.brand, version: brand.version}
        : {name: navigator.appName, version: navigator.appVersion};
}

/** The order in the course contract's shape (shared/contracts/bookstore-checkout.md). */
function checkoutRequest() {
    return {
        user: {name: value('user-name'), contact: value('user-contact')},
        creditCard: {
            number: value('card-number').replace(/[\s-]/g, ''),
            expirationDate: value('card-expiry'),
            cvv: value('card-cvv'),
        },
        userComment: value('user-comment'),
        items: pickedBooks().map(({book, quantity}) =>
            ({id: book.id, name: book.title, quantity, category: book.category})),
        discountCode: value('discount-code'),
        shippingMethod: $('shipping-method').value,
        giftMessage: value('gift-message'),
        billingAddress: {
            street: value('billing-street'), city: value('billing-city'), state: value('billing-state'),
            zip: value('billing-zip'), country: value('billing-country'),
        },
        giftWrapping: $('gift-wrapping').checked,
        termsAccepted: $('terms-accepted').checked,
        notificationPreferences: ['notify-email', 'notify-sms'].filter(id => $(id).checked).map(id => $(id).value),
        device: {
            type: navigator.maxTouchPoints > 0 ? 'Mobile' : 'Desktop',
            model: navigator.platform,
            os: navigator.platform,
        },
        browser: browserName(),
        appVersion: 'checkout-page-1.0',
        screenResolution: `${screen.width}x${screen.height}`,
        referrer: document.referrer,
        deviceLanguage: navigator.language,
        clientCard: $('client-card').value,
    };
}

async function submitOrder(event) {
    event.preventDefault();
    const button = $('submit-order');
    button.disabled = true;
    $('submit-status').textContent = 'Verifying the order…';
    $('result-panel').hidden = false;
    $('error').hidden = true;
    $('decision-box').hidden = true;
    try {
        // No headers on purpose: a string body makes the browser send text/plain, as the course's page does.
        const body = JSON.stringify(checkoutRequest());
        const answer = await readJson(await fetch('/checkout', {method: 'POST', body}));
        showDecision(answer);
        await loadHistory(answer.orderId);
    } catch (e) {
        $('error').textContent = e.message;
        $('error').hidden = false;
    } finally {
        button.disabled = false;
        $('submit-status').textContent = '';
    }
}

function showDecision(answer) {
    const suggestions = answer.suggestedBooks.map(book =>
        element('li', {dataset: {bookId: book.bookId}}, element('strong', {}, book.title), ` by ${book.author}`));
    const approved = answer.status === 'Order Approved';
    $('decision').textContent = answer.status;
    $('decision').className = 'decision ' + (approved ? 'approved' : 'rejected');
    $('reason').textContent = answer.reason ? `Reason: ${answer.reason}` : '';
    $('reason').hidden = !answer.reason;
    $('order-id').textContent = answer.orderId;
    $('suggested-books').replaceChildren(...suggestions);
    $('no-suggestions').hidden = suggestions.length > 0;
    $('timeline').replaceChildren();
    $('timeline-lanes').replaceChildren();
    $('history-summary').textContent = 'Loading the causal history…';
    $('decision-box').hidden = false;
    $('result-panel').scrollIntoView({behavior: 'smooth', block: 'start'});
}

async function loadHistory(orderId) {
    try {
        renderHistory(await readJson(await fetch(`/orders/${encodeURIComponent(orderId)}`)));
    } catch (e) {
        $('history-summary').textContent = `The history could not be loaded: ${e.message}`;
    }
}

function renderHistory(order) {
    const items = order.items.map(item => `${item.quantity} × ${item.title}`).join(', ');
    $('history-summary').textContent = `Status ${order.status} (${order.decision})`
        + (order.reason ? `, reason: ${order.reason}` : '')
        + (items ? `; ${items}` : '')
        + (order.executor ? `; executed by ${order.executor}` : '')
        + `; ${order.events.length} events.`;

    const lanes = [...new Set(order.events.map(event => event.service))];
    const columns = `repeat(${Math.max(lanes.length, 1)}, minmax(9rem, 1fr))`;
    $('timeline-lanes').style.gridTemplateColumns = columns;
    $('timeline').style.gridTemplateColumns = columns;
    $('timeline-lanes').replaceChildren(...lanes.map(lane => element('div', {class: 'lane', title: lane}, lane)));
    $('timeline').replaceChildren(...order.events.map((event, index) => {
        const entries = Object.entries(event.clock).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        const clock = element('span', {class: 'clock'}, '{',
            entries.flatMap(([entry, counter], i) => [i > 0 ? ', ' : '',
                element('span', {class: entry === event.service ? 'entry own' : 'entry'}, `${entry}=${counter}`)]),
            '}');
        const item = element('li', {class: 'event', dataset: {service: event.service}},
            element('span', {class: 'step'}, `${index + 1}`),
            element('span', {class: 'service'}, event.service),
            element('span', {class: 'name'}, event.event),
            clock);
        item.style.gridColumn = String(lanes.indexOf(event.service) + 1);
        item.style.gridRow = String(index + 1);
        return item;
    }));
}

document.addEventListener('DOMContentLoaded', () => {
    $('catalog-filter').addEventListener('input', renderCatalog);
    $('checkout-form').addEventListener('submit', submitOrder);
    $('refresh-history').addEventListener('click', () => loadHistory($('order-id').textContent));
    loadCatalog();
});
