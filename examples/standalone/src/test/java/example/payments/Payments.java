package example.payments;

/** The library's exports, bound by GoJack with jnr-ffi when a test asks for a parameter of this type. */
public interface Payments {
    int Charge(long cents);

    long ChargedCents(long cents);

    int BreakerIsOpen();

    int InvoiceOverdue(long issuedUnix);
}
