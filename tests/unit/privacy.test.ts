import { describe, expect, it } from 'vitest'
import { EMAIL_MASK, PHONE_MASK, maskPrivateHtml, maskPrivateText } from '../../src/shared/privacy'

describe('maskPrivateText: e-mail addresses', () => {
  it.each([
    ['Write to anna.mueller@example.com please', `Write to ${EMAIL_MASK} please`],
    ['support+returns@shop.co.uk.', `${EMAIL_MASK}.`],
    ['(jürgen@müller-bau.de)', `(${EMAIL_MASK})`],
    ['mail: pierre_dupont99@orange.fr, merci', `mail: ${EMAIL_MASK}, merci`],
    ['anna (at) example (dot) com', EMAIL_MASK],
    ['anna [at] example.com!', `${EMAIL_MASK}!`]
  ])('masks %j', (text, expected) => {
    expect(maskPrivateText(text)).toBe(expected)
  })

  it.each([
    'Thanks @lumora@social.example for the quick fix',
    'Meet me at 10:00 at the café',
    'The new Book 14 is @ 20% off',
    'version 2.4.1 is out'
  ])('leaves %j alone (handles, "at", "@" as a word)', (text) => {
    expect(maskPrivateText(text)).toBe(text)
  })
})

describe('maskPrivateText: phone numbers', () => {
  it.each([
    ['Call +49 30 1234567 now', `Call ${PHONE_MASK} now`],
    ['Tel.: +1 (555) 123-4567', `Tel.: ${PHONE_MASK}`],
    ['+33 6 12 34 56 78', PHONE_MASK],
    ['+44 20 7946 0958.', `${PHONE_MASK}.`],
    ['+48 600 123 456', PHONE_MASK],
    ['0049 30 1234567', PHONE_MASK],
    ['+49 (0)30 1234567', PHONE_MASK],
    ['+4917612345678', PHONE_MASK],
    ['Ruf an: 030 1234567', `Ruf an: ${PHONE_MASK}`],
    ['Telefonnr. 0171 1234567', `Telefonnr. ${PHONE_MASK}`],
    ['(030) 123 45 67', PHONE_MASK],
    ['(555) 123-4567', PHONE_MASK],
    ['030/1234567', PHONE_MASK],
    ['06 12 34 56 78', PHONE_MASK],
    ['chiamami al 333 123 4567', `chiamami al ${PHONE_MASK}`],
    ['zadzwoń 600 123 456', `zadzwoń ${PHONE_MASK}`],
    ['llámame 612 34 56 78', `llámame ${PHONE_MASK}`],
    ['1-800-555-1234', PHONE_MASK],
    ['Hotline (030 1234567)', `Hotline (${PHONE_MASK})`],
    ['030 123456 / 0171 1234567', `${PHONE_MASK} / ${PHONE_MASK}`]
  ])('masks %j', (text, expected) => {
    expect(maskPrivateText(text)).toBe(expected)
  })

  it.each([
    // dates and times
    'Delivered on 2024-05-12 at 10:42',
    'Lieferung am 12.05.2024, 10:42 Uhr',
    'due 05/12/2024',
    'from 01.02.2024 - 03.04.2024',
    'Seit 2019-2024 dabei',
    // prices and counts
    'Only €1,299.00 or 1.299,00 € today',
    'costs 1 299 000 €',
    'zapłaciłem 600 123 456 zł',
    '$ 333 123 4567 budget',
    'we hit +10 000 000 views',
    '+20% faster, 2.5x the battery',
    // order and reference numbers
    'Order #123456789 has not arrived',
    'order 555 123 4567 is late',
    'Bestellnummer 0301 234 5678 fehlt',
    'Rechnung Nr. 030 1234567',
    'Amazon order 304-1234567-1234567',
    'ticket 4711-0815-2342',
    'ISBN 978-3-16-148410-0',
    // identifiers that look numeric
    'my customer number is 01711234567',
    'server at 192.168.100.200 is down',
    'firmware 10.2.33.4511 fixed it',
    'list: 1) 234 5678 items'
  ])('leaves %j alone', (text) => {
    expect(maskPrivateText(text)).toBe(text)
  })
})

describe('maskPrivateHtml', () => {
  it('masks text nodes and keeps the markup', () => {
    const html = '<p>Reach me at <strong>anna@example.com</strong> or +49 30 1234567</p><p>Order 4711</p>'
    expect(maskPrivateHtml(html)).toBe(`<p>Reach me at <strong>${EMAIL_MASK}</strong> or ${PHONE_MASK}</p><p>Order 4711</p>`)
  })

  it('drops mailto: and tel: addresses from links but keeps other links', () => {
    const html =
      '<p><a href="mailto:anna@example.com" rel="nofollow">write</a> <a href="tel:+49301234567">call</a> <a href="https://lumora.example/help?mail=x@y.de">help</a></p>'
    expect(maskPrivateHtml(html)).toBe(
      '<p><a rel="nofollow">write</a> <a>call</a> <a href="https://lumora.example/help?mail=x@y.de">help</a></p>'
    )
  })

  it('reads entities in text and escapes what it writes back', () => {
    expect(maskPrivateHtml('<p>anna&#64;example.com &amp; &lt;b&gt; +49&nbsp;30&nbsp;1234567</p>')).toBe(
      `<p>${EMAIL_MASK} &amp; &lt;b&gt; ${PHONE_MASK}</p>`
    )
  })

  it('leaves attributes that look like numbers and untouched text byte for byte', () => {
    const html = '<p class="a&amp;b"><span title="030 1234567">R&amp;D &#x1F600; on 12.05.2024</span></p>'
    expect(maskPrivateHtml(html)).toBe(html)
  })

  it('keeps a fediverse mention link intact', () => {
    const html = '<p><span class="h-card"><a href="https://social.example/@lumora" class="u-url mention">@<span>lumora</span></a></span> thanks</p>'
    expect(maskPrivateHtml(html)).toBe(html)
  })
})
