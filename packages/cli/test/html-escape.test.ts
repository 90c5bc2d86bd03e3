import { expect } from 'chai';
import { escapeHtml } from '@csp-onprem/cli';
import { htmlStructureProblem } from '@csp-onprem/testing';

describe('escapeHtml', () => {
  it('writes markup characters as entities', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).to.equal('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
  });

  it('shows control characters, lone surrogates and bidi overrides as visible escapes, keeping tabs, line breaks and marks', () => {
    expect(escapeHtml('a\u0000b\u001b[2J\u0085\ud800\u202eevil\t\n\u200f')).to.equal('a\\u0000b\\u001b[2J\\u0085\\ud800\\u202eevil\t\n\u200f');
  });

  it('keeps a page well-formed in element content and in attribute values, whatever the text', () => {
    const hostile = `"><img src=x onerror=alert(1)> </td></table> &amp; <!-- \u0000 '`;
    const page = `<!DOCTYPE html><html><body><p title="${escapeHtml(hostile)}">${escapeHtml(hostile)}</p></body></html>`;
    expect(htmlStructureProblem(page)).to.equal(undefined);
    expect(htmlStructureProblem(`<html><body><p>${hostile}</p></body></html>`)).to.be.a('string');
  });
});
