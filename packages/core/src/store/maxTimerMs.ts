/** The longest delay a Node.js timer honours (longer ones fire after 1 ms), so the longest any `…Ms` option may be. */
export const maxTimerMs = 2_147_483_647;
