//! The service's records as the wire carries them, and money read from the wire.

use artstation_common::ServiceError;
use artstation_common::time::to_proto;
use artstation_domain::{Currency, Money, ParseError};
use artstation_proto::commerce::v1 as pb;

use crate::licence::Jwk;
use crate::store::{Balance, Earnings, Order, Payout};

pub(crate) fn order(o: &Order) -> pb::Order {
    pb::Order {
        id: o.id.clone(),
        artwork_id: o.artwork_id.clone(),
        buyer_id: o.buyer_id.clone(),
        artist_id: o.artist_id.clone(),
        price: Some(money(o.price)),
        serial: o.serial.unwrap_or_default(),
        edition_size: o.edition_size,
        licence: o.licence.clone(),
        status: o.status.as_str().into(),
        created_at: Some(to_proto(o.created_at)),
        title: o.title.clone(),
        failure: o.failure.clone().unwrap_or_default(),
        paid_at: o.paid_at.map(to_proto),
        refunded_at: o.refunded_at.map(to_proto),
    }
}

pub(crate) fn money(m: Money) -> pb::Money {
    pb::Money {
        amount_minor: m.amount_minor(),
        currency: m.currency().code().into(),
    }
}

pub(crate) fn balance(b: &Balance) -> pb::Money {
    pb::Money {
        amount_minor: b.amount_minor,
        currency: b.currency.clone(),
    }
}

pub(crate) fn wallet(balances: &[Balance]) -> pb::Wallet {
    pb::Wallet {
        balances: balances.iter().map(balance).collect(),
    }
}

pub(crate) fn earnings(e: &Earnings) -> pb::Earnings {
    pb::Earnings {
        currency: e.currency.clone(),
        orders: e.orders,
        gross_minor: e.gross_minor,
        net_minor: e.net_minor,
        available_minor: e.available_minor,
        pending_payout_minor: e.pending_payout_minor,
        paid_out_minor: e.paid_out_minor,
    }
}

pub(crate) fn payout(p: &Payout) -> pb::Payout {
    pb::Payout {
        id: p.id.clone(),
        artist_id: p.artist_id.clone(),
        amount: Some(balance(&p.amount)),
        status: p.status.as_str().into(),
        created_at: Some(to_proto(p.created_at)),
        paid_at: p.paid_at.map(to_proto),
    }
}

pub(crate) fn jwk(k: &Jwk) -> pb::LicenceKey {
    pb::LicenceKey {
        kid: k.kid.clone(),
        kty: k.kty.clone(),
        crv: k.crv.clone(),
        alg: k.alg.clone(),
        x: k.x.clone(),
    }
}

/// Money a request carries, checked; `field` names it in a validation error.
pub(crate) fn money_from(
    m: Option<&pb::Money>,
    field: &'static str,
) -> Result<Money, ServiceError> {
    let m = m.ok_or_else(|| ServiceError::validation(field, "required"))?;
    let in_field = |e: ParseError| ServiceError::validation(field, e.to_string());
    let currency = Currency::parse(&m.currency).map_err(in_field)?;
    Money::new(m.amount_minor, currency).map_err(in_field)
}
