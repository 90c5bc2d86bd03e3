import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { verifyConsistency, verifyInclusion } from '@csp-onprem/audit';
import { jsonFilesUnder, sharedVectors } from './shared-vectors.js';

// The published vectors of transparency-dev/merkle, read where the repository keeps them:
// `<repo>/../shared/vectors/merkle-rfc6962`. Missing vectors fail the run, never skip it.
let folder: string | undefined;
let missing: string | undefined;
try {
  folder = sharedVectors('merkle-rfc6962');
} catch (error) {
  missing = error instanceof Error ? error.message : String(error);
}

const bytes = (b64: unknown): Uint8Array => Buffer.from(typeof b64 === 'string' ? b64 : '', 'base64');
const hashes = (list: unknown): Uint8Array[] => (Array.isArray(list) ? list.map(bytes) : []);

interface InclusionCase {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyCase {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

describe('the Certificate Transparency test vectors (transparency-dev/merkle)', () => {
  if (folder === undefined) {
    it('are where the repository keeps them', () => {
      throw new Error(missing);
    });
    return;
  }
  const inclusion = jsonFilesUnder(`${folder}/inclusion`) as Array<[string, InclusionCase]>;
  const consistency = jsonFilesUnder(`${folder}/consistency`) as Array<[string, ConsistencyCase]>;

  it('are all there: 98 inclusion and 98 consistency cases, refusals included', () => {
    expect(inclusion).to.have.length(98);
    expect(consistency).to.have.length(98);
    expect(inclusion.filter(([, c]) => c.wantErr)).to.have.length(92);
    expect(consistency.filter(([, c]) => c.wantErr)).to.have.length(92);
    expect(inclusion.some(([path]) => path.startsWith('additional/'))).to.equal(true);
    expect(consistency.some(([path]) => path.startsWith('additional/'))).to.equal(true);
  });

  describe('an inclusion proof', () => {
    for (const [path, c] of inclusion) {
      it(`${c.wantErr ? 'is refused' : 'holds'}: inclusion/${path} (${c.desc})`, () => {
        const verdict = verifyInclusion({
          leafIndex: c.leafIdx,
          treeSize: c.treeSize,
          leafHash: bytes(c.leafHash),
          path: hashes(c.proof),
          root: bytes(c.root),
        });
        if (c.wantErr) expect(E.isLeft(verdict), 'refused').to.equal(true);
        else expect(verdict).to.deep.equal(E.right(undefined));
      });
    }
  });

  describe('a consistency proof', () => {
    for (const [path, c] of consistency) {
      it(`${c.wantErr ? 'is refused' : 'holds'}: consistency/${path} (${c.desc})`, () => {
        const verdict = verifyConsistency({
          olderSize: c.size1,
          newerSize: c.size2,
          olderRoot: bytes(c.root1),
          newerRoot: bytes(c.root2),
          path: hashes(c.proof),
        });
        if (c.wantErr) expect(E.isLeft(verdict), 'refused').to.equal(true);
        else expect(verdict).to.deep.equal(E.right(undefined));
      });
    }
  });
});
