/** dd/mm/yyyy from 'YYYY-MM-DD' (the calendar's dates are already in Vietnam time). */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** Amounts in đồng, grouped the Vietnamese way: 50.000 đ. */
export function formatMoney(amount: number): string {
  return `${new Intl.NumberFormat('vi-VN').format(amount)} đ`;
}
