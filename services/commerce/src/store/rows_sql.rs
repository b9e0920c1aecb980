//! The commerce store's rows as SQL returns them (orders, payouts) and their conversion into
//! the store's types, checked on the way in; expanded into the same module as `sql.rs`.

macro_rules! commerce_store_rows {
    () => {
        #[derive(sqlx::FromRow)]
        struct OrderRow {
            id: String,
            artwork_id: String,
            buyer_id: String,
            artist_id: String,
            amount_minor: i64,
            currency: String,
            fee_minor: i64,
            serial: Option<i64>,
            edition_size: Option<i64>,
            licence: String,
            title: String,
            original_sha256: String,
            status: String,
            failure: Option<String>,
            created_at: Timestamp,
            paid_at: Option<Timestamp>,
            refunded_at: Option<Timestamp>,
        }

        impl TryFrom<OrderRow> for Order {
            type Error = StoreError;
            fn try_from(r: OrderRow) -> Result<Self, StoreError> {
                Ok(Order {
                    price: parse_money(r.amount_minor, &r.currency)?,
                    status: OrderStatus::parse(&r.status)?,
                    id: r.id,
                    artwork_id: r.artwork_id,
                    buyer_id: r.buyer_id,
                    artist_id: r.artist_id,
                    fee_minor: r.fee_minor,
                    serial: r.serial,
                    edition_size: r.edition_size,
                    licence: r.licence,
                    title: r.title,
                    original_sha256: r.original_sha256,
                    failure: r.failure,
                    created_at: r.created_at,
                    paid_at: r.paid_at,
                    refunded_at: r.refunded_at,
                })
            }
        }

        #[derive(sqlx::FromRow)]
        struct PayoutRow {
            id: String,
            artist_id: String,
            amount_minor: i64,
            currency: String,
            status: String,
            created_at: Timestamp,
            paid_at: Option<Timestamp>,
        }

        impl TryFrom<PayoutRow> for Payout {
            type Error = StoreError;
            fn try_from(r: PayoutRow) -> Result<Self, StoreError> {
                Ok(Payout {
                    status: PayoutStatus::parse(&r.status)?,
                    id: r.id,
                    artist_id: r.artist_id,
                    amount: Balance {
                        currency: r.currency,
                        amount_minor: r.amount_minor,
                    },
                    created_at: r.created_at,
                    paid_at: r.paid_at,
                })
            }
        }

        const PAYOUT_COLUMNS: &str =
            "id, artist_id, amount_minor, currency, status, created_at, paid_at";
    };
}

pub(super) use commerce_store_rows;
