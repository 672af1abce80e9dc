// Next / previous paging over cursor-paged lists: a stack of the cursors of pages seen so far.
// Changing `resetKey` (the filters) starts again from the first page.
import { useState } from 'react';

export function useCursorStack(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: Array<string | undefined> }>({
    key: resetKey,
    stack: [undefined],
  });
  const stack = state.key === resetKey ? state.stack : [undefined];
  return {
    cursor: stack[stack.length - 1],
    page: stack.length,
    hasPrev: stack.length > 1,
    next: (cursor: string) => setState({ key: resetKey, stack: [...stack, cursor] }),
    prev: () => setState({ key: resetKey, stack: stack.slice(0, -1) }),
    first: () => setState({ key: resetKey, stack: [undefined] }),
  };
}
