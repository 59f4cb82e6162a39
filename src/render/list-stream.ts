/**
 * A kubectl List (`kubectl get -o yaml|json` of several objects) printed one item at a time: the output is the
 * same text the whole List would print as, but no more than one item is ever held. Each item is printed as the
 * only item of a List and cut out of it, so it gets exactly the indentation and folding it has in the whole.
 */
import type { JsonObject } from '../codec/value.js';
import type { ObjectFormat } from './output.js';
import { formatObject } from './output.js';
import { listOf } from './stored-object.js';

interface ListFrame {
  /** Everything before the first item. */
  readonly head: string;
  /** Between two items. */
  readonly separator: string;
  /** After the last item. */
  readonly tail: string;
}

// What the printers write around the items of listOf(...), keys sorted: apiVersion, items, kind, metadata.
const FRAMES: Record<ObjectFormat, ListFrame> = {
  yaml: {
    head: 'apiVersion: v1\nitems:\n',
    separator: '',
    tail: 'kind: List\nmetadata:\n  resourceVersion: ""\n',
  },
  json: {
    head: '{\n    "apiVersion": "v1",\n    "items": [\n',
    separator: ',\n',
    tail: '\n    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
  },
};

/** `object` as an item of a List, without what comes before it (the List's head, or the separator after an item). */
export function listItemText(object: JsonObject, format: ObjectFormat): string {
  const whole = formatObject(listOf([object]), format);
  const { head, tail } = FRAMES[format];
  if (!whole.startsWith(head) || !whole.endsWith(tail)) throw new Error(`the ${format} printer framed a List unexpectedly`);
  return whole.slice(head.length, whole.length - tail.length);
}

export class ListStream {
  private readonly frame: ListFrame;
  private count = 0;

  constructor(private readonly format: ObjectFormat) {
    this.frame = FRAMES[format];
  }

  /** The text that prints `object` as the next item. */
  item(object: JsonObject): string {
    return this.items(listItemText(object, this.format));
  }

  /** Item text (one item, or several already separated) as the next in the List. */
  items(text: string): string {
    return `${this.beforeItems()}${text}`;
  }

  /** What goes before the next item or items: the List's head, or the separator after the item before. */
  beforeItems(): string {
    return this.count++ === 0 ? this.frame.head : this.frame.separator;
  }

  /** The text that ends the List; an empty List prints as kubectl prints one. */
  end(): string {
    return this.count === 0 ? formatObject(listOf([]), this.format) : this.frame.tail;
  }
}
