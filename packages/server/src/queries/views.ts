import type { KeyView, SoftwareItem } from '@csp-onprem/domain';

/** A key as a caller sees it: the software list's view without the vault's data-key id. */
export function keyView(key: KeyView) {
  const { dataKeyId: _dataKeyId, ...view } = key;
  return view;
}

/** A purchase as a caller sees it: the software list's item without internal ids and versions. */
export function softwareItemView(item: SoftwareItem) {
  const { version: _version, keys, ...view } = item;
  return { ...view, keys: keys.map(keyView) };
}
